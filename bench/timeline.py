#!/usr/bin/env python3
"""Where the reconcile section's time goes: reads the files a run with BENCH_TIMELINE=<dir> wrote.

    python3 bench/timeline.py <dir> [n1000]

Per stage (apply returned, first seen with the finalizer, pendingCreate, podIds, Ready) the spread of times from
the first apply, for the operator's resources and the floor's; then second by second how many resources reached
each stage and how many createPods and describePods the simulator had answered. Stages come from the bench's
watch, which lags the API server under load; the simulator's call times do not.
"""
import collections, csv, datetime, json, sys

folder, size = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else 'n1000')


def load(path, prefix):
    stages = collections.defaultdict(dict)
    for name, stage, ms in csv.reader(open(path)):
        if name.startswith(prefix):
            stages[name][stage] = int(ms)
    return {k: v for k, v in stages.items() if 'apply' in v}


def spread(xs):
    xs = sorted(xs)
    return ' '.join(f'p{p}={xs[min(len(xs) - 1, len(xs) * p // 100)] / 1000:.2f}' for p in (0, 10, 50, 90, 100))


operator, floor = load(f'{folder}/{size}.csv', 'p-'), load(f'{folder}/{size}.floor.csv', 'f-')
for label, runs in (('operator', operator), ('floor', floor)):
    start = min(v['apply'] for v in runs.values())
    print(f'== {label}: {len(runs)} resources, seconds from the first apply')
    for stage in ('applied', 'finalizer', 'pending', 'podIds', 'patched', 'ready'):
        xs = [v[stage] - start for v in runs.values() if stage in v]
        if xs:
            print(f'  {stage:10} {spread(xs)}')

start = min(v['apply'] for v in operator.values())
calls = collections.defaultdict(list)
for call in json.load(open(f'{folder}/{size}.calls.json')):
    at = datetime.datetime.fromisoformat(call['at'].replace('Z', '+00:00')).timestamp() * 1000 - start
    if at >= 0:
        calls[call['operation']].append(at)
end = max(v.get('ready', 0) for v in operator.values()) - start
print('second applied finalizer pending podIds ready createPods describePods')
for second in range(1, int(end / 1000) + 2):
    limit = second * 1000
    reached = [sum(1 for v in operator.values() if s in v and v[s] - start < limit)
               for s in ('applied', 'finalizer', 'pending', 'podIds', 'ready')]
    made = [sum(1 for t in calls[op] if t < limit) for op in ('createPods', 'describePods')]
    print(second, *reached, *made)

// Evaluates CEL rules with @bufbuild/cel, for the tests' agreement check between the CRD's x-kubernetes-validations
// and the C# validator. Reads one JSON job on stdin, writes one JSON answer on stdout:
//   job:    { rules: [string], objects: [json], evaluations: [{ rule, object, path: [key|index...], oldSelf? }] }
//   answer: { compile: [error|null per rule], results: [{ value: bool } | { error: string } per evaluation] }
// `self` is the node at `path` in object `object`; objects become CEL maps, JSON integers CEL ints (as Kubernetes
// types them from the schema), lists CEL lists. Kubernetes' string library (join, ...) is registered.
import { parse, plan, celEnv, isCelError } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";

const input = JSON.parse(await new Response(process.stdin).text());
const env = celEnv({ funcs: strings });

const toCel = (value) =>
  Array.isArray(value) ? value.map(toCel)
  : value !== null && typeof value === "object" ? new Map(Object.entries(value).map(([k, v]) => [k, toCel(v)]))
  : typeof value === "number" && Number.isInteger(value) ? BigInt(value)
  : value;

const compiled = input.rules.map((rule) => {
  try {
    return { run: plan(env, parse(rule)) };
  } catch (e) {
    return { error: String(e.message ?? e) };
  }
});

const at = (object, path) => path.reduce((node, key) => node[key], object);

const results = input.evaluations.map(({ rule, object, path, oldSelf }) => {
  const program = compiled[rule];
  if (program.error) return { error: "does not compile: " + program.error };
  const bindings = { self: toCel(at(input.objects[object], path)) };
  if (oldSelf !== undefined) bindings.oldSelf = toCel(oldSelf);
  try {
    const value = program.run(bindings);
    if (isCelError(value)) return { error: value.message };
    return typeof value === "boolean" ? { value } : { error: `the rule gave ${typeof value}, not a bool` };
  } catch (e) {
    return { error: String(e.message ?? e) };
  }
});

process.stdout.write(JSON.stringify({ compile: compiled.map((c) => c.error ?? null), results }));

// Runs Pod service calls through JD Cloud's official JavaScript SDK (jdcloud-sdk-js) and prints what it returned.
// stdin: {"endpoint": "127.0.0.1:PORT", "accessKey", "secretKey", "regionId",
//         "calls": [{"op": "createPods", "opts": {...}, "regionId"?: "..."}]}
// stdout: one JSON array, per call {"ok": true, "result", "requestId"} or {"ok": false, "error", "requestId"},
// in order; a call the SDK itself refuses (a missing parameter) is {"ok": false, "thrown": message}.
const JDCloud = require('jdcloud-sdk-js')
const POD = require('jdcloud-sdk-js/src/services/pod')

JDCloud.config.logger = () => {} // the SDK prints every request and its signing parts at every level

async function main () {
  const job = JSON.parse(require('fs').readFileSync(0, 'utf8'))
  const pod = new POD({
    credentials: { accessKeyId: job.accessKey, secretAccessKey: job.secretKey },
    endpoint: { host: job.endpoint, protocol: 'http' },
    regionId: job.regionId,
    logger: () => {}
  })
  const answers = []
  for (const call of job.calls) {
    if (typeof pod[call.op] !== 'function') throw new Error('the SDK has no operation ' + call.op)
    try {
      const answer = await pod[call.op](call.opts || {}, call.regionId || job.regionId)
      answers.push({ ok: true, result: answer.result === undefined ? null : answer.result, requestId: answer.requestId })
    } catch (e) {
      if (e instanceof Error) answers.push({ ok: false, thrown: e.message })
      else answers.push({ ok: false, error: e.error === undefined ? null : e.error, requestId: e.requestId })
    }
  }
  process.stdout.write(JSON.stringify(answers))
}

main().catch(e => { console.error(e); process.exit(1) })

// Node.js, npm onvif@0.8.3, reading what IdentityBenchmark's identity() reads after its login:
// GetNetworkInterfaces ∥ GetHostname per read, device information read once per camera at connect
// (as ours caches it). Connect = GetSystemDateAndTime, GetCapabilities (which gives the library the
// device service's path, as GetServices gives ours), GetDeviceInformation; not timed. C cameras ("sessions"), the reads spread over them, each camera one at a time.
// Usage: node throughput.js URL USER COUNT CONCURRENCY WARMUP   (password from NVRKIT_PASSWORD)
// Prints one JSON line: {"ops":…,"wall_ms":…,"ops_per_s":…}
const { Cam } = require('onvif');
const [url, user, count, conc, warm] = process.argv.slice(2);
const u = new URL(url);
const N = Number(count), C = Number(conc), W = Number(warm || 0);
const cams = [];
const call = (cam, f) => new Promise((ok, ko) => f.call(cam, (e, r) => (e ? ko(e) : ok(r))));
async function connect() {
  const cam = new Cam({
    hostname: u.hostname, port: Number(u.port || 80), username: user,
    password: process.env.NVRKIT_PASSWORD || 'Admin12345', autoconnect: false,
  });
  await call(cam, cam.getSystemDateAndTime);
  await call(cam, cam.getCapabilities);
  await call(cam, cam.getDeviceInformation);
  return cam;
}
async function reads(total) {
  await Promise.all(cams.map(async (cam, i) => {
    const ops = Math.floor(total / C) + (i < total % C ? 1 : 0);
    for (let k = 0; k < ops; k++) {
      const [ifs, host] = await Promise.all([call(cam, cam.getNetworkInterfaces), call(cam, cam.getHostname)]);
      if (!ifs || !host) throw new Error('empty answer');
    }
  }));
}
(async () => {
  for (let i = 0; i < C; i++) cams.push(await connect());
  if (W > 0) await reads(W);
  const t0 = process.hrtime.bigint();
  await reads(N);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(JSON.stringify({ ops: N, wall_ms: Number(ms.toFixed(1)), ops_per_s: Number((N / ms * 1000).toFixed(1)) }));
})().catch((e) => { console.error(e); process.exit(1); });

// Node.js, npm onvif@0.8.3, doing what ColdStart.java's connect + identity() do:
// GetSystemDateAndTime ∥ GetServices, GetDeviceInformation, then GetNetworkInterfaces ∥ GetHostname.
// Usage: node cold.js [URL]   (default http://127.0.0.1:18080; password from NVRKIT_PASSWORD)
const t0 = process.hrtime.bigint();
const { Cam } = require('onvif');
const u = new URL(process.argv[2] || 'http://127.0.0.1:18080');
const cam = new Cam({
  hostname: u.hostname, port: Number(u.port || 80), path: u.pathname !== '/' ? u.pathname : undefined,
  username: process.argv[3] || 'admin', password: process.env.NVRKIT_PASSWORD || 'Admin12345',
  autoconnect: false,
});
const call = (f, ...a) => new Promise((ok, ko) => f.call(cam, ...a, (e, r) => (e ? ko(e) : ok(r))));
(async () => {
  // onvif@0.8.3 cannot read a GetServices answer with a single Service (this.services.forEach is
  // not a function): its error is ignored, as the library itself would go on without capabilities
  await Promise.all([call(cam.getSystemDateAndTime), call(cam.getServices, true).catch(() => null)]);
  const info = await call(cam.getDeviceInformation);
  const [ifs, host] = await Promise.all([call(cam.getNetworkInterfaces), call(cam.getHostname)]);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const mac = ifs && ifs[0] && ifs[0].info ? ifs[0].info.hwAddress : '?';
  console.log('model=' + info.model + ' mac=' + mac + ' host=' + (host && host.name) +
    ' requests=5 scriptStartToIdentityMs=' + ms.toFixed(0));
})().catch((e) => { console.error(e); process.exit(1); });

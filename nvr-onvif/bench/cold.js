// Node.js onvif@0.8.3 doing the same as ColdStart.java: clock, device information, MAC, hostname, scopes
const t0 = process.hrtime.bigint();
const { Cam } = require('onvif');
const cam = new Cam({ hostname: '127.0.0.1', port: 18080, username: 'admin', password: 'Admin12345', autoconnect: false });
cam.getSystemDateAndTime((e1) => {
  if (e1) throw e1;
  cam.getServices(true, (e0) => {
    cam.getDeviceInformation((e2, info) => {
      if (e2) throw e2;
      cam.getNetworkInterfaces((e3) => {
        cam.getHostname((e4) => {
          cam.getScopes((e5) => {
            const ms = Number(process.hrtime.bigint() - t0) / 1e6;
            console.log('model=' + info.model + ' sinceScriptStartMs=' + ms.toFixed(0));
          });
        });
      });
    });
  });
});

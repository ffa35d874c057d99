#!/usr/bin/env python3
"""A canned ONVIF device service for cold-start measurements (not a realistic fake: it does not
check credentials). Serves on 127.0.0.1:PORT /onvif/device_service; answers by operation name with
the same content as onvif-schemas/samples. Usage: fake_onvif.py PORT"""
import datetime, re, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

H = ('<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"'
     ' xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema"'
     ' xmlns:trt="http://www.onvif.org/ver10/media/wsdl"><env:Body>')
T = '</env:Body></env:Envelope>'

def dt(t):
    return ('<tt:Time><tt:Hour>%d</tt:Hour><tt:Minute>%d</tt:Minute><tt:Second>%d</tt:Second></tt:Time>'
            '<tt:Date><tt:Year>%d</tt:Year><tt:Month>%d</tt:Month><tt:Day>%d</tt:Day></tt:Date>'
            % (t.hour, t.minute, t.second, t.year, t.month, t.day))

def answer(op):
    now = datetime.datetime.now(datetime.timezone.utc)
    if op == 'GetSystemDateAndTime':
        return ('<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType>'
                '<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>UTC0</tt:TZ></tt:TimeZone>'
                '<tt:UTCDateTime>' + dt(now) + '</tt:UTCDateTime><tt:LocalDateTime>' + dt(now) +
                '</tt:LocalDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>')
    if op == 'GetServices':
        return ('<tds:GetServicesResponse><tds:Service><tds:Namespace>http://www.onvif.org/ver10/device/wsdl</tds:Namespace>'
                '<tds:XAddr>http://127.0.0.1/onvif/device_service</tds:XAddr><tds:Capabilities><tds:Capabilities>'
                '<tds:Network/><tds:Security UsernameToken="true" HttpDigest="false" MaxUsers="16" MaxPasswordLength="32"/>'
                '<tds:System/></tds:Capabilities></tds:Capabilities><tds:Version><tt:Major>19</tt:Major><tt:Minor>6</tt:Minor>'
                '</tds:Version></tds:Service></tds:GetServicesResponse>')
    if op == 'GetDeviceInformation':
        return ('<tds:GetDeviceInformationResponse><tds:Manufacturer>ExampleVendor</tds:Manufacturer><tds:Model>NVR-1608</tds:Model>'
                '<tds:FirmwareVersion>V4.30.085</tds:FirmwareVersion><tds:SerialNumber>NVR16082021CCRRF12345678</tds:SerialNumber>'
                '<tds:HardwareId>0x88</tds:HardwareId></tds:GetDeviceInformationResponse>')
    if op == 'GetNetworkInterfaces':
        return ('<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token="eth0"><tt:Enabled>true</tt:Enabled>'
                '<tt:Info><tt:HwAddress>44:19:b6:12:34:56</tt:HwAddress></tt:Info></tds:NetworkInterfaces></tds:GetNetworkInterfacesResponse>')
    if op == 'GetHostname':
        return '<tds:GetHostnameResponse><tds:HostnameInformation><tt:FromDHCP>false</tt:FromDHCP><tt:Name>nvr-lobby</tt:Name></tds:HostnameInformation></tds:GetHostnameResponse>'
    if op == 'GetScopes':
        return '<tds:GetScopesResponse><tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef><tt:ScopeItem>onvif://www.onvif.org/hardware/NVR-1608</tt:ScopeItem></tds:Scopes></tds:GetScopesResponse>'
    if op == 'GetCapabilities':
        return ('<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device><tt:XAddr>http://127.0.0.1:%s/onvif/device_service</tt:XAddr>'
                '</tt:Device></tds:Capabilities></tds:GetCapabilitiesResponse>' % PORT)
    return None

class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def log_message(self, *a):
        pass
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', '0'))).decode('utf-8', 'replace')
        m = re.search(r'<(?:\w+:)?Body[^>]*>\s*<(?:\w+:)?(\w+)', body)
        op = m.group(1) if m else ''
        a = answer(op)
        if a is None:
            status, xml = 500, ('<env:Fault><env:Code><env:Value>env:Receiver</env:Value><env:Subcode><env:Value>ter:ActionNotSupported'
                                '</env:Value></env:Subcode></env:Code><env:Reason><env:Text xml:lang="en">no</env:Text></env:Reason></env:Fault>')
            xml = xml.replace('<env:Fault>', '<env:Fault xmlns:ter="http://www.onvif.org/ver10/error">')
        else:
            status, xml = 200, a
        out = (H + xml + T).encode('utf-8')
        self.send_response(status)
        self.send_header('Content-Type', 'application/soap+xml; charset=utf-8')
        self.send_header('Content-Length', str(len(out)))
        self.end_headers()
        self.wfile.write(out)

PORT = sys.argv[1] if len(sys.argv) > 1 else '18080'
ThreadingHTTPServer(('127.0.0.1', int(PORT)), Handler).serve_forever()

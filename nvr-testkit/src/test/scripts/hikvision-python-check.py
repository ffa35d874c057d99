#!/usr/bin/env python3
"""Manual check: a real third-party Hikvision client against a Hikvision fake (or device).

Uses `hikvisionapi` (PyPI hikvisionapi, MissiaL/hikvision-client: Basic first, then Digest via
requests.HTTPDigestAuth, which reuses the nonce with a rising nc) when it can be imported, and
plain `requests` + HTTPDigestAuth otherwise. Start the fake first:
  java -jar nvr-testkit/target/nvr-testkit-*-standalone.jar --personality hikvision --port 18080
then: python3 nvr-testkit/src/test/scripts/hikvision-python-check.py http://127.0.0.1:18080 Admin12345
It also sends one SADP Probe to the fake's unicast SADP port when given as the third argument.
Passwords here are throw-away test values.
"""
import socket
import sys
import uuid

import requests
import xmltodict
from requests.auth import HTTPDigestAuth

URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:18080"
OLD = sys.argv[2] if len(sys.argv) > 2 else "Admin12345"
SADP_PORT = int(sys.argv[3]) if len(sys.argv) > 3 else 0
NEW = "Fresh-Pass42"
failures = 0


def check(name, cond):
    global failures
    print(("ok   " if cond else "FAIL ") + name)
    if not cond:
        failures += 1


def strip(d):
    return {k: v for k, v in d.items() if not k.startswith("@")}


try:
    from hikvisionapi import Client

    api = Client(URL, "admin", OLD)
    print("client: hikvisionapi.Client (requests %s)" % requests.__version__)
    info = api.System.deviceInfo(method="get")["DeviceInfo"]
    check("identity: model %s, serial %s, MAC %s, firmware %s"
          % (info["model"], info["serialNumber"], info["macAddress"], info["firmwareVersion"]),
          info["serialNumber"].startswith(info["model"]))
    t = api.System.time(method="get")["Time"]
    check("time: %s zone %s" % (t["localTime"], t["timeZone"]), t["timeZone"].startswith("CST"))
    users = api.Security.users(method="get")["UserList"]["User"]
    users = users if isinstance(users, list) else [users]
    check("users: %s" % [u["userName"] for u in users], users[0]["id"] == "1")
    create = ("<User><id>0</id><userName>viewer2</userName><password>Viewer-Pass9</password>"
              "<loginPassword>%s</loginPassword><userLevel>Viewer</userLevel></User>" % OLD)
    r = api.Security.users(method="post", data=create)["ResponseStatus"]
    check("create viewer2: statusCode %s" % r["statusCode"], r["statusCode"] == "1")
    users = api.Security.users(method="get")["UserList"]["User"]
    vid = [u["id"] for u in users if u["userName"] == "viewer2"][0]
    r = api.Security.users[vid](method="delete")["ResponseStatus"]
    check("delete viewer2 (id %s): statusCode %s" % (vid, r["statusCode"]), r["statusCode"] == "1")
    risky = ("<User><id>1</id><userName>admin</userName><password>abcdefghij</password>"
             "<loginPassword>%s</loginPassword></User>" % OLD)
    try:
        api.Security.users[1](method="put", data=risky)
        check("risky password refused", False)
    except requests.HTTPError as e:
        body = strip(xmltodict.parse(e.response.text)["ResponseStatus"])
        check("risky password (one class) refused: HTTP %s %s" % (e.response.status_code, body),
              e.response.status_code == 400)
    change = ("<User><id>1</id><userName>admin</userName><password>%s</password>"
              "<loginPassword>%s</loginPassword></User>" % (NEW, OLD))
    r = api.Security.users[1](method="put", data=change)["ResponseStatus"]
    check("admin password changed: statusCode %s" % r["statusCode"], r["statusCode"] == "1")
except ImportError:
    print("client: requests.HTTPDigestAuth (hikvisionapi not importable)")
    s = requests.Session()
    s.auth = HTTPDigestAuth("admin", OLD)
    info = xmltodict.parse(s.get(URL + "/ISAPI/System/deviceInfo").text)["DeviceInfo"]
    check("identity: %s %s" % (info["model"], info["serialNumber"]), True)
    r = s.put(URL + "/ISAPI/Security/users/1",
              data="<User><id>1</id><userName>admin</userName><password>%s</password>"
                   "<loginPassword>%s</loginPassword></User>" % (NEW, OLD))
    check("admin password changed: HTTP %s" % r.status_code, r.status_code == 200)

new = requests.get(URL + "/ISAPI/Security/userCheck", auth=HTTPDigestAuth("admin", NEW))
check("new password works: HTTP %s" % new.status_code, new.status_code == 200)
old = requests.get(URL + "/ISAPI/Security/userCheck", auth=HTTPDigestAuth("admin", OLD))
uc = strip(xmltodict.parse(old.text)["userCheck"])
check("old password refused: HTTP %s %s" % (old.status_code, uc), old.status_code == 401)
back = requests.put(URL + "/ISAPI/Security/users/1", auth=HTTPDigestAuth("admin", NEW),
                    data="<User><id>1</id><userName>admin</userName><password>%s</password>"
                         "<loginPassword>%s</loginPassword></User>" % (OLD, NEW))
check("old password restored: HTTP %s" % back.status_code, back.status_code == 200)

if SADP_PORT:
    probe = ('<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>%s</Uuid>'
             "<Types>inquiry</Types></Probe>" % str(uuid.uuid4()).upper())
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(3)
    sock.sendto(probe.encode(), ("127.0.0.1", SADP_PORT))
    m = xmltodict.parse(sock.recv(8192))["ProbeMatch"]
    check("SADP: %s %s MAC %s %s BootTime %s Activated %s"
          % (m["DeviceDescription"], m["DeviceSN"], m["MAC"], m["SoftwareVersion"],
             m["BootTime"], m["Activated"]), m["BootTime"] != "")
print("failures: %d" % failures)
sys.exit(1 if failures else 0)

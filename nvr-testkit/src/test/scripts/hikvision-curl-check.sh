#!/usr/bin/env bash
# Manual check: drives a Hikvision fake (or a real device) with curl --digest, written to the ISAPI
# protocol only. Start the fake first:
#   java -jar nvr-testkit/target/nvr-testkit-*-standalone.jar --personality hikvision --port 18080
# then: bash nvr-testkit/src/test/scripts/hikvision-curl-check.sh http://127.0.0.1:18080 Admin12345
# Over HTTPS (--tls): CURL_OPTS="-k --pinnedpubkey sha256//PIN" with the ready line's pin.
# Exit 0 when every step behaved like Hikvision firmware. Passwords here are throw-away test values.
set -u
URL=${1:-http://127.0.0.1:18080}
OLD=${2:-Admin12345}
NEW=${3:-Fresh-Pass42}
fails=0
step() { # name expected-http actual-http
  if [ "$2" = "$3" ]; then echo "ok   $1 (HTTP $3)"; else echo "FAIL $1: expected HTTP $2, got $3"; fails=$((fails+1)); fi
}
code() { curl -s ${CURL_OPTS:-} -o /tmp/hik-check.body -w '%{http_code}' "$@"; }
has() { # name pattern
  if grep -q "$2" /tmp/hik-check.body; then echo "ok   $1"; else echo "FAIL $1: no $2"; fails=$((fails+1)); fi
}

step "activateStatus without login" 200 "$(code "$URL/SDK/activateStatus")"
has  "  activated" "<Activated>true</Activated>"
step "deviceInfo without credentials is a Digest challenge" 401 "$(code "$URL/ISAPI/System/deviceInfo")"
has  "  401 body carries userCheck retryLoginTime" "<retryLoginTime>"
step "identity (deviceInfo, lower-case path)" 200 "$(code --digest -u "admin:$OLD" "$URL/ISAPI/System/deviceinfo")"
has  "  serialNumber" "<serialNumber>"
has  "  model" "<model>"
step "time" 200 "$(code --digest -u "admin:$OLD" "$URL/ISAPI/System/time")"
has  "  POSIX timeZone" "<timeZone>CST"
step "users" 200 "$(code --digest -u "admin:$OLD" "$URL/ISAPI/Security/users")"
has  "  admin is id 1" "<id>1</id>"

step "create user 'viewer1'" 200 "$(code --digest -u "admin:$OLD" -X POST -H 'Content-Type: application/xml' \
  --data "<User><id>0</id><userName>viewer1</userName><password>Viewer-Pass9</password><loginPassword>$OLD</loginPassword><userLevel>Viewer</userLevel></User>" \
  "$URL/ISAPI/Security/users")"
step "risky password refused (user name mirrored)" 400 "$(code --digest -u "admin:$OLD" -X POST \
  --data "<User><id>0</id><userName>operator1</userName><password>1rotarepo</password><loginPassword>$OLD</loginPassword><userLevel>Viewer</userLevel></User>" \
  "$URL/ISAPI/Security/users")"
has  "  ResponseStatus badParameters" "<subStatusCode>badParameters</subStatusCode>"
step "risky password refused (one class: digits only)" 400 "$(code --digest -u "admin:$OLD" -X PUT \
  --data "<User><id>1</id><userName>admin</userName><password>12345678</password><loginPassword>$OLD</loginPassword></User>" \
  "$URL/ISAPI/Security/users/1")"
VID=$(curl -s ${CURL_OPTS:-} --digest -u "admin:$OLD" "$URL/ISAPI/Security/users" | tr -d '\r\n' | sed -n 's#.*<id>\([0-9]*\)</id><userName>viewer1</userName>.*#\1#p')
step "delete user 'viewer1' (id $VID)" 200 "$(code --digest -u "admin:$OLD" -X DELETE "$URL/ISAPI/Security/users/$VID")"
step "delete admin (id 1) refused" 403 "$(code --digest -u "admin:$OLD" -X DELETE "$URL/ISAPI/Security/users/1")"

step "admin password changed" 200 "$(code --digest -u "admin:$OLD" -X PUT \
  --data "<User><id>1</id><userName>admin</userName><password>$NEW</password><loginPassword>$OLD</loginPassword></User>" \
  "$URL/ISAPI/Security/users/1")"
step "new password works (userCheck)" 200 "$(code --digest -u "admin:$NEW" "$URL/ISAPI/Security/userCheck")"
has  "  statusValue 200" "<statusValue>200</statusValue>"
step "old password refused" 401 "$(code --digest -u "admin:$OLD" "$URL/ISAPI/Security/userCheck")"
has  "  one attempt spent" "<retryLoginTime>4</retryLoginTime>"
step "success resets the IP's count" 200 "$(code --digest -u "admin:$NEW" "$URL/ISAPI/Security/userCheck")"
step "restore the old password" 200 "$(code --digest -u "admin:$NEW" -X PUT \
  --data "<User><id>1</id><userName>admin</userName><password>$OLD</password><loginPassword>$NEW</loginPassword></User>" \
  "$URL/ISAPI/Security/users/1")"
echo "failures: $fails"
exit $((fails > 0))

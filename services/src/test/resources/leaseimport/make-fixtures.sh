#!/bin/bash
# Makes this directory's fixtures with the real servers: kea-leases4.csv (Kea 2.2, memfile),
# dhcpd.leases (ISC dhcpd 4.4) and dnsmasq.leases (dnsmasq 2.90); kea-after-lfc/ is the same Kea run with "lfc-interval": 4 and the
# sleeps at the end made 6 s, so that Kea's cleanup has moved the leases into kea-leases4.csv.2.
# As root, in network namespaces of its own (llimp-srv, llimp-cli, 198.18.50.0/24), torn down on exit: `make-fixtures.sh kea`, `isc` or `dnsmasq`, run from a
# scratch directory W (it writes W/kea-leases4.csv, W/dhcpd.leases or W/dnsmasq.leases), then copy the file here.
# dhclient takes a lease with a host name and a client identifier, perfdhcp five more, and a second
# dhclient takes one and releases it. Every server and client here stops by itself (timeout).
set -u
W=$(pwd)
cat > "$W/kea.json" <<'EOK'
{"Dhcp4": {"interfaces-config": {"interfaces": ["llimp-s0"]},
 "lease-database": {"type": "memfile", "persist": true, "name": "@W@/kea-leases4.csv", "lfc-interval": 0},
 "valid-lifetime": 3600, "renew-timer": 1800, "rebind-timer": 3000,
 "subnet4": [{"id": 1, "subnet": "198.18.50.0/24", "pools": [{"pool": "198.18.50.100 - 198.18.50.200"}],
   "option-data": [{"name": "routers", "data": "198.18.50.1"}]}]}}
EOK
sed -i "s|@W@|$W|" "$W/kea.json"
cat > "$W/dhcpd.conf" <<'EOD'
default-lease-time 3600; max-lease-time 7200; authoritative;
subnet 198.18.50.0 netmask 255.255.255.0 { range 198.18.50.100 198.18.50.200; option routers 198.18.50.1; }
EOD
rm -f "$W"/dhclient*.leases
cleanup() { [ -n "${SP:-}" ] && kill $SP 2>/dev/null; sleep 0.5; ip netns del llimp-srv 2>/dev/null; ip netns del llimp-cli 2>/dev/null; }
trap cleanup EXIT
ip netns add llimp-srv; ip netns add llimp-cli
ip link add llimp-s0 type veth peer name llimp-c0
ip link set llimp-s0 netns llimp-srv; ip link set llimp-c0 netns llimp-cli
ip -n llimp-srv addr add 198.18.50.1/24 dev llimp-s0; ip -n llimp-srv link set llimp-s0 up; ip -n llimp-srv link set lo up
ip -n llimp-cli link set llimp-c0 up; ip -n llimp-cli link set lo up
ip -n llimp-cli link set llimp-c0 address 52:54:00:aa:bb:01
server=$1
if [ "$server" = kea ]; then
  rm -f kea-leases4.csv; ip netns exec llimp-srv env KEA_PIDFILE_DIR=$W KEA_LOCKFILE_DIR=$W timeout 60 kea-dhcp4 -c $W/kea.json > kea.log 2>&1 & SP=$!
elif [ "$server" = dnsmasq ]; then
  # DHCP only (no DNS: --port=0), this interface only, its own lease file; no configuration file read.
  rm -f dnsmasq.leases; ip netns exec llimp-srv timeout 60 dnsmasq --no-daemon --conf-file=/dev/null --port=0 \
    --interface=llimp-s0 --bind-interfaces --dhcp-authoritative --dhcp-range=198.18.50.100,198.18.50.200,1h \
    --dhcp-option=3,198.18.50.1 --dhcp-leasefile=$W/dnsmasq.leases --pid-file=$W/dnsmasq.pid > dnsmasq.log 2>&1 & SP=$!
else
  : > dhcpd.leases; ip netns exec llimp-srv timeout 60 dhcpd -4 -f -cf $W/dhcpd.conf -lf $W/dhcpd.leases -pf $W/dhcpd.pid llimp-s0 > dhcpd.log 2>&1 & SP=$!
fi
sleep 2
cat > $W/dhclient.conf <<EOC
send host-name "deploy-node-7";
send dhcp-client-identifier 1:52:54:00:aa:bb:01;
EOC
ip netns exec llimp-cli timeout 20 dhclient -1 -v -cf $W/dhclient.conf -lf $W/dhclient-$server.leases -pf $W/dhclient.pid llimp-c0 2>&1 | tail -3
ip netns exec llimp-cli timeout 15 perfdhcp -4 -l llimp-c0 -r 5 -n 6 -R 6 -p 5 198.18.50.1 2>&1 | grep -E "sent|received" | head -4
ip netns exec llimp-cli dhclient -x -pf $W/dhclient.pid 2>/dev/null
# a second client that leases and releases: the file's later row supersedes its grant
ip -n llimp-cli link add llimp-c1 link llimp-c0 type macvlan mode bridge 2>/dev/null || true
ip -n llimp-cli link set llimp-c1 address 52:54:00:aa:bb:02 up
printf 'send host-name "released-one";\n' > $W/dhclient2.conf
ip netns exec llimp-cli timeout 20 dhclient -1 -cf $W/dhclient2.conf -lf $W/dhclient2-$server.leases -pf $W/dhclient2.pid llimp-c1 2>&1 | tail -1
sleep 1
ip netns exec llimp-cli timeout 10 dhclient -r -cf $W/dhclient2.conf -lf $W/dhclient2-$server.leases -pf $W/dhclient2.pid llimp-c1 2>&1 | tail -1
sleep 1

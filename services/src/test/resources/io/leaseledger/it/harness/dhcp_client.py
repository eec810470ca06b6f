#!/usr/bin/python3
"""A scriptable DHCPv4 client for the real-client tests, run inside a test namespace.

It builds the BOOTP/DHCP message byte by byte (so tests can send exactly what a PXE ROM,
an iPXE build or a broken client would), sends it with scapy at layer 2 on one interface,
and prints every reply with the same xid as one JSON object per line:
  {"op":2,"xid":...,"yiaddr":"...","siaddr":"...","giaddr":"...","ciaddr":"...","flags":...,
   "sname":"...","file":"...","options":{"53":"02","51":"0000003c",...},"src":"..."}
It never configures anything; it only sends and listens. Bounded by --timeout.
"""
import argparse
import ipaddress
import json
import struct
import sys
import threading

from scapy.all import AsyncSniffer, Ether, IP, UDP, Raw, conf, sendp

MAGIC = b"\x63\x82\x53\x63"
TYPES = {"discover": 1, "request": 3, "decline": 4, "release": 7, "inform": 8}


def build(args):
    chaddr = bytes.fromhex(args.mac.replace(":", ""))
    flags = 0x8000 if args.broadcast else 0
    head = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 0, args.xid, 0, flags,
                       ipaddress.IPv4Address(args.ciaddr).packed, b"\0" * 4, b"\0" * 4,
                       ipaddress.IPv4Address(args.giaddr).packed, chaddr.ljust(16, b"\0"),
                       b"", b"")
    opts = bytes([53, 1, TYPES[args.type]])
    if args.requested:
        opts += bytes([50, 4]) + ipaddress.IPv4Address(args.requested).packed
    if args.server_id:
        opts += bytes([54, 4]) + ipaddress.IPv4Address(args.server_id).packed
    for spec in args.option:
        code, value = spec.split(":", 1)
        data = bytes.fromhex(value)
        opts += bytes([int(code), len(data)]) + data
    return head + MAGIC + opts + b"\xff"


def parse(payload):
    if len(payload) < 240 or payload[236:240] != MAGIC:
        return None
    op, _, _, _, xid, _, flags, ciaddr, yiaddr, siaddr, giaddr, _, sname, file = \
        struct.unpack("!BBBBIHH4s4s4s4s16s64s128s", payload[:236])
    options, i = {}, 240
    while i < len(payload):
        code = payload[i]
        if code == 255:
            break
        if code == 0:
            i += 1
            continue
        length = payload[i + 1]
        options[str(code)] = options.get(str(code), "") + payload[i + 2:i + 2 + length].hex()
        i += 2 + length
    ip = lambda b: str(ipaddress.IPv4Address(b))
    text = lambda b: b.split(b"\0", 1)[0].decode("latin-1")
    return {"op": op, "xid": xid, "flags": flags, "ciaddr": ip(ciaddr), "yiaddr": ip(yiaddr),
            "siaddr": ip(siaddr), "giaddr": ip(giaddr), "sname": text(sname), "file": text(file),
            "options": options}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--iface", required=True)
    p.add_argument("--mac", default="02:00:00:00:00:01")
    p.add_argument("--xid", type=lambda s: int(s, 0), default=0x1eee5e)
    p.add_argument("--type", choices=sorted(TYPES), default="discover")
    p.add_argument("--ciaddr", default="0.0.0.0")
    p.add_argument("--giaddr", default="0.0.0.0")
    p.add_argument("--requested")
    p.add_argument("--server-id")
    p.add_argument("--option", action="append", default=[], help="CODE:HEX, repeatable")
    p.add_argument("--broadcast", action="store_true")
    p.add_argument("--src", default="0.0.0.0")
    p.add_argument("--dst", default="255.255.255.255")
    p.add_argument("--raw", action="append", help="send these hex bytes as a UDP payload instead (repeatable)")
    p.add_argument("--timeout", type=float, default=5.0, help="how long to listen for replies")
    p.add_argument("--replies", type=int, default=1, help="stop after this many replies")
    args = p.parse_args()

    conf.verb = 0
    payloads = [bytes.fromhex(r) for r in args.raw] if args.raw else [build(args)]
    xid = None if args.raw else args.xid
    started = threading.Event()
    replies = []

    def mine(pkt):
        if UDP not in pkt or pkt[UDP].sport != 67:
            return False
        parsed = parse(bytes(pkt[UDP].payload))
        if parsed is None or parsed["op"] != 2 or (xid is not None and parsed["xid"] != xid):
            return False
        parsed["src"] = pkt[IP].src
        replies.append(parsed)
        return True

    sniffer = AsyncSniffer(iface=args.iface, filter="udp and src port 67", lfilter=mine,
                           count=args.replies, timeout=args.timeout,
                           started_callback=started.set, store=False)
    sniffer.start()
    if not started.wait(10):
        print("sniffer did not start", file=sys.stderr)
        return 2
    for payload in payloads:
        frame = (Ether(src=args.mac, dst="ff:ff:ff:ff:ff:ff") / IP(src=args.src, dst=args.dst)
                 / UDP(sport=68, dport=67) / Raw(payload))
        sendp(frame, iface=args.iface)
    sniffer.join()
    for r in replies:
        print(json.dumps(r), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
# Regenerates the Jazzer seed corpus: cd wire-adapter/src/test/resources/io/leaseledger/wire/dhcp4/Dhcp4DecoderFuzzTestInputs/decoderOnlyEverThrowsItsTypedError && /usr/bin/python3 ../../../../../../../python/fuzz_seeds.py
# Seeds written by scapy (an independent DHCP encoder), so the fuzzer starts from real packet shapes.
from scapy.all import BOOTP, DHCP
mac = bytes.fromhex("525400a1b2c3") + bytes(10)
def w(name, pkt):
    open(name, "wb").write(bytes(pkt))
w("dhclient-discover", BOOTP(op=1, xid=0x1234, flags=0x8000, chaddr=mac) / DHCP(options=[
    ("message-type", "discover"), ("client_id", b"\x01" + mac[:6]), ("requested_addr", "198.18.0.10"),
    ("hostname", b"node-1"), ("param_req_list", [1, 28, 2, 3, 15, 6, 119, 12, 44, 47, 26, 121, 42]), "end"]))
w("server-ack", BOOTP(op=2, xid=0x1234, yiaddr="198.18.0.10", siaddr="198.18.0.1", chaddr=mac) / DHCP(options=[
    ("message-type", "ack"), ("server_id", "198.18.0.1"), ("lease_time", 3600), ("renewal_time", 1800),
    ("rebinding_time", 3150), ("subnet_mask", "255.255.255.0"), ("router", "198.18.0.1"),
    ("name_server", "198.18.0.2", "198.18.0.3"), ("domain", b"maas.example"), (119, b"\x04maas\x07example\x00\xc0\x05"),
    (121, b"\x08\x0a\xc6\x12\x00\xfe\x00\xc6\x12\x00\x01"), "end"]))
w("relayed-request-82", BOOTP(op=1, hops=1, xid=0x99, giaddr="198.18.2.1", chaddr=mac) / DHCP(options=[
    ("message-type", "request"), ("requested_addr", "198.18.2.50"), ("server_id", "198.18.0.1"),
    (82, b"\x01\x06eth0/1\x02\x06\x52\x54\x00\xa1\xb2\xc3\x05\x04\xc6\x12\x02\x00\x0b\x04\xc6\x12\x02\x01"), "end"]))
w("pxe-discover", BOOTP(op=1, xid=0x5eed, flags=0x8000, chaddr=mac) / DHCP(options=[
    ("message-type", "discover"), (57, b"\x04\xec"), (93, b"\x00\x07"), (94, b"\x01\x03\x10"),
    (97, b"\x00" + bytes(range(16))), (60, b"PXEClient:Arch:00007:UNDI:003016"),
    (77, b"iPXE"), (175, b"\xb1\x05\x01\x80\x86\x10\x0e\xeb\x03\x01\x00\x00\x17\x01\x01"),
    (81, b"\x05\x00\x00\x04node\x07example\x00"), ("param_req_list", [1, 3, 6, 66, 67, 128, 129, 175, 203]), "end"]))
over = BOOTP(op=1, xid=0x0e, chaddr=mac, file=bytes([12, 4]) + b"boot" + bytes([255]) + bytes(121),
             sname=bytes([15, 3]) + b"lan" + bytes([255]) + bytes(58)) / DHCP(options=[
    ("message-type", "inform"), (52, b"\x03"), (43, b"A" * 200), (43, b"B" * 100), "end"])
w("overloaded-split-inform", over)

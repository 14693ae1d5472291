#!/usr/bin/env python3
"""Runs one script of memcached operations through python-memcache and pymemcache.

Usage: python_clients.py PORT
Exits non-zero on the first operation whose result is not what memcached gives.
"""
import os
import sys
import time

import memcache
from pymemcache.client.base import Client as PymemcacheClient


def check(label, actual, expected):
    if actual != expected:
        raise AssertionError(f"{label}: expected {expected!r}, got {actual!r}")


def python_memcache(port):
    mc = memcache.Client([f"127.0.0.1:{port}"], cache_cas=True)
    p = "pm:"
    mc.flush_all()
    check("set", mc.set(p + "k", "v1"), True)
    check("get", mc.get(p + "k"), "v1")
    check("add existing", mc.add(p + "k", "x"), False)
    mc.set(p + "k2", "v2")
    check("get_multi", mc.get_multi([p + "k", p + "k2", p + "missing"]), {p + "k": "v1", p + "k2": "v2"})
    check("gets", mc.gets(p + "k"), "v1")
    check("cas", mc.cas(p + "k", "v3"), True)
    mc.set(p + "k", "changed behind our back")
    check("cas after change", mc.cas(p + "k", "v4"), False)
    mc.set(p + "n", "10")
    check("incr", mc.incr(p + "n", 5), 15)
    check("decr", mc.decr(p + "n", 100), 0)
    mc.set(p + "s", "mid")
    check("append", mc.append(p + "s", "-end"), True)
    check("prepend", mc.prepend(p + "s", "start-"), True)
    check("appended", mc.get(p + "s"), "start-mid-end")
    mc.set(p + "t", "soon", time=1)
    check("touch", mc.touch(p + "t", 100), True)
    mc.set(p + "gone", "soon", time=1)
    time.sleep(2.1)
    check("touched survives", mc.get(p + "t"), "soon")
    check("expired", mc.get(p + "gone"), None)
    check("delete", mc.delete(p + "k2"), True)
    check("deleted", mc.get(p + "k2"), None)
    large = os.urandom(900 * 1024)
    check("large set", mc.set(p + "large", large), True)
    check("large get", mc.get(p + "large"), large)
    stats = dict(mc.get_stats()[0][1])
    for name in ("curr_items", "get_hits", "cmd_set", "version"):
        if name not in stats:
            raise AssertionError(f"stats lack {name}")
    mc.disconnect_all()


def pymemcache(port):
    mc = PymemcacheClient(("127.0.0.1", port), connect_timeout=5, timeout=5)
    p = b"py:"
    check("set", mc.set(p + b"k", b"v1", noreply=False), True)
    check("get", mc.get(p + b"k"), b"v1")
    check("add existing", mc.add(p + b"k", b"x", noreply=False), False)
    mc.set(p + b"k2", b"v2", noreply=False)
    check("get_many", mc.get_many([p + b"k", p + b"k2", p + b"missing"]), {p + b"k": b"v1", p + b"k2": b"v2"})
    value, cas = mc.gets(p + b"k")
    check("gets", value, b"v1")
    check("cas", mc.cas(p + b"k", b"v3", cas, noreply=False), True)
    check("cas stale", mc.cas(p + b"k", b"v4", cas, noreply=False), False)
    check("cas missing", mc.cas(p + b"nope", b"v4", cas, noreply=False), None)
    mc.set(p + b"n", b"10", noreply=False)
    check("incr", mc.incr(p + b"n", 5), 15)
    check("decr", mc.decr(p + b"n", 100), 0)
    check("incr missing", mc.incr(p + b"nope", 1), None)
    mc.set(p + b"s", b"mid", noreply=False)
    check("append", mc.append(p + b"s", b"-end", noreply=False), True)
    check("prepend", mc.prepend(p + b"s", b"start-", noreply=False), True)
    check("appended", mc.get(p + b"s"), b"start-mid-end")
    mc.set(p + b"t", b"soon", expire=1, noreply=False)
    check("touch", mc.touch(p + b"t", 100, noreply=False), True)
    mc.set(p + b"gone", b"soon", expire=1, noreply=False)
    time.sleep(2.1)
    check("touched survives", mc.get(p + b"t"), b"soon")
    check("expired", mc.get(p + b"gone"), None)
    check("delete", mc.delete(p + b"k2", noreply=False), True)
    check("delete missing", mc.delete(p + b"k2", noreply=False), False)
    large = os.urandom(900 * 1024)
    check("large set", mc.set(p + b"large", large, noreply=False), True)
    check("large get", mc.get(p + b"large"), large)
    stats = mc.stats()
    for name in (b"curr_items", b"get_hits", b"cmd_set"):
        if name not in stats:
            raise AssertionError(f"stats lack {name}")
    check("version", mc.version().startswith(b"1.6."), True)
    mc.close()


def main():
    port = int(sys.argv[1])
    python_memcache(port)
    print("python-memcache: ok")
    pymemcache(port)
    print("pymemcache: ok")


if __name__ == "__main__":
    main()

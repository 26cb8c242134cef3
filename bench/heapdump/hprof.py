#!/usr/bin/env python3
"""Where the heap of a HPROF dump goes, by owner: a small reader for the dumps that
bench/EditorHeapBench.java writes with -Dbench.heapdump=DIR (the JDK has no HPROF reader).

Every live object gets a parent: the object through which a breadth-first walk from the GC roots
first reached it (an approximation of the dominator tree that is good enough to see who holds what).
Each object's shallow size is then charged to its nearest ancestor of an "owner" class (a Vaadin
component, the UI, the session, a Tomcat or Atmosphere connection object...).

Usage: bench/heapdump/hprof.py DUMP [--per N] [--owners REGEX] [--top K] [--chains CLASS]
  --per N       divide the figures by N (e.g. the number of editors open)
  --owners RE   classes that own what hangs below them (default: see OWNERS)
  --chains CLS  also print the most common parent chains (10 deep) of instances of CLS
Compare two dumps (before/after) by running it on both.
"""
import argparse
import collections
import re
import struct
import sys

OWNERS = (r"^(com\.vaadin\.flow\.component\.(UI|html\.\w+|Text|button\.Button|textfield\.\w+|"
          r"avatar\.\w+|tabs\.\w+|select\.\w+|icon\.\w+)"
          r"|com\.vaadin\.flow\.server\.(VaadinSession|communication\.AtmospherePushConnection)"
          r"|com\.vaadin\.flow\.internal\.StateTree|com\.vaadin\.flow\.component\.internal\.UIInternals"
          r"|org\.undersigned\..*"
          r"|org\.apache\.tomcat\.websocket\.WsSession|org\.apache\.tomcat\.websocket\.server\.WsFrameServer"
          r"|org\.apache\.tomcat\.websocket\.server\.WsRemoteEndpointImplServer"
          r"|org\.apache\.tomcat\.util\.net\.NioEndpoint\$NioSocketWrapper|org\.apache\.tomcat\.util\.net\.SocketBufferHandler"
          r"|org\.apache\.catalina\.session\.StandardSession"
          r"|org\.atmosphere\.cpr\.AtmosphereResourceImpl|org\.atmosphere\.cpr\.AtmosphereRequestImpl"
          r"|org\.atmosphere\.cpr\.AtmosphereResponseImpl|org\.atmosphere\.container\.JSR356Endpoint"
          r"|org\.atmosphere\.websocket\.WebSocket|org\.atmosphere\.cpr\.DefaultBroadcaster"
          r"|java\.lang\.Thread)$")

BASIC_SIZE = {2: 8, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}
PRIM_NAME = {4: "[Z", 5: "[C", 6: "[F", 7: "[D", 8: "[B", 9: "[S", 10: "[I", 11: "[J"}


def align(n):
    return (n + 7) & ~7


def read(path):
    data = open(path, "rb").read()
    end = data.index(b"\0")
    idsize = struct.unpack_from(">I", data, end + 1)[0]
    assert idsize == 8, "8-byte ids only"
    pos = end + 1 + 4 + 8
    strings = {}
    class_name_id = {}
    classes = {}  # class id -> (super id, instance field types list, name)
    objs_cls = {}  # object id -> class id (instances) or name str (arrays)
    objs_size = {}
    refs = {}  # object id -> tuple of referenced ids
    roots = []
    inst_data = {}  # object id -> (cls, bytes slice offsets) parsed after all classes known
    n = len(data)
    while pos < n:
        tag, _, length = struct.unpack_from(">BII", data, pos)
        pos += 9
        body = pos
        pos += length
        if tag == 0x01:
            sid = struct.unpack_from(">Q", data, body)[0]
            strings[sid] = data[body + 8:body + length].decode("utf-8", "replace")
        elif tag == 0x02:
            _, cid, _, nid = struct.unpack_from(">IQIQ", data, body)
            class_name_id[cid] = nid
        elif tag in (0x0C, 0x1C):
            p = body
            stop = body + length
            while p < stop:
                sub = data[p]
                p += 1
                if sub == 0xFF:
                    roots.append(struct.unpack_from(">Q", data, p)[0]); p += 8
                elif sub in (0x01,):
                    roots.append(struct.unpack_from(">Q", data, p)[0]); p += 16
                elif sub in (0x02, 0x03):
                    roots.append(struct.unpack_from(">Q", data, p)[0]); p += 16
                elif sub in (0x04, 0x06):
                    roots.append(struct.unpack_from(">Q", data, p)[0]); p += 12
                elif sub in (0x05, 0x07):
                    roots.append(struct.unpack_from(">Q", data, p)[0]); p += 8
                elif sub == 0x08:
                    roots.append(struct.unpack_from(">Q", data, p)[0]); p += 16
                elif sub == 0x20:
                    cid = struct.unpack_from(">Q", data, p)[0]
                    p += 8 + 4
                    sup = struct.unpack_from(">Q", data, p)[0]
                    p += 8 * 6
                    inst_size = struct.unpack_from(">I", data, p)[0]
                    p += 4
                    cp = struct.unpack_from(">H", data, p)[0]; p += 2
                    for _ in range(cp):
                        p += 2
                        t = data[p]; p += 1
                        p += BASIC_SIZE[t]
                    ns = struct.unpack_from(">H", data, p)[0]; p += 2
                    srefs = []
                    for _ in range(ns):
                        p += 8
                        t = data[p]; p += 1
                        if t == 2:
                            srefs.append(struct.unpack_from(">Q", data, p)[0])
                        p += BASIC_SIZE[t]
                    nf = struct.unpack_from(">H", data, p)[0]; p += 2
                    ftypes = []
                    for _ in range(nf):
                        p += 8
                        ftypes.append(data[p]); p += 1
                    classes[cid] = (sup, ftypes, inst_size)
                    # statics: the class object refers to them; class objects are roots
                    refs[cid] = tuple(srefs)
                    objs_cls[cid] = "java.lang.Class"
                    objs_size[cid] = 0
                    roots.append(cid)
                elif sub == 0x21:
                    oid, _, cid, ln = struct.unpack_from(">QIQI", data, p)
                    p += 24
                    inst_data[oid] = (cid, p, ln)
                    p += ln
                elif sub == 0x22:
                    oid, _, cnt, acid = struct.unpack_from(">QIIQ", data, p)
                    p += 24
                    refs[oid] = struct.unpack_from(">%dQ" % cnt, data, p)
                    p += 8 * cnt
                    objs_cls[oid] = ("A", acid)
                    objs_size[oid] = align(16 + 4 * cnt)  # compressed oops
                elif sub == 0x23:
                    oid, _, cnt, t = struct.unpack_from(">QIIB", data, p)
                    p += 17
                    p += cnt * BASIC_SIZE[t]
                    objs_cls[oid] = PRIM_NAME[t]
                    objs_size[oid] = align(16 + cnt * BASIC_SIZE[t])
                else:
                    raise ValueError("unknown sub-record %x at %d" % (sub, p))
    names = {cid: strings.get(nid, "?").replace("/", ".") for cid, nid in class_name_id.items()}
    # Field layouts: reference offsets per class, including supers.
    layout = {}

    def ref_offsets(cid):
        if cid in layout:
            return layout[cid]
        offs = []
        off = 0
        c = cid
        while c and c in classes:
            sup, ftypes, _ = classes[c]
            for t in ftypes:
                if t == 2:
                    offs.append(off)
                off += BASIC_SIZE[t]
            c = sup
        layout[cid] = offs
        return offs

    for oid, (cid, p, ln) in inst_data.items():
        offs = ref_offsets(cid)
        refs[oid] = tuple(struct.unpack_from(">Q", data, p + o)[0] for o in offs)
        objs_cls[oid] = cid
        # shallow size estimate: header 12 + fields (compressed oops: refs 4 bytes)
        objs_size[oid] = align(12 + ln - 4 * len(offs))
    return names, objs_cls, objs_size, refs, roots


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dump")
    ap.add_argument("--per", type=float, default=1)
    ap.add_argument("--owners", default=OWNERS)
    ap.add_argument("--top", type=int, default=60)
    ap.add_argument("--chains", action="append", default=[])
    a = ap.parse_args()
    names, objs_cls, objs_size, refs, roots = read(a.dump)

    def cname(oid):
        c = objs_cls.get(oid)
        if isinstance(c, tuple):
            return "[" + names.get(c[1], "?")
        if isinstance(c, str):
            return c
        return names.get(c, "?")

    parent = {}
    queue = collections.deque()
    for r in roots:
        if r in objs_cls and r not in parent:
            parent[r] = 0
            queue.append(r)
    while queue:
        o = queue.popleft()
        for t in refs.get(o, ()):
            if t and t not in parent and t in objs_cls:
                parent[t] = o
                queue.append(t)
    owner_re = re.compile(a.owners)
    is_owner = {}

    def owner_of(o):
        p = parent.get(o, 0)
        depth = 0
        while p and depth < 400:
            cn = cname(p)
            ok = is_owner.get(cn)
            if ok is None:
                ok = is_owner[cn] = bool(owner_re.match(cn))
            if ok:
                return cn
            p = parent.get(p, 0)
            depth += 1
        return "(root)"

    by_owner = collections.Counter()
    by_owner_class = collections.Counter()
    owners_count = collections.Counter()
    total = 0
    for o in parent:
        s = objs_size.get(o, 0)
        cn = cname(o)
        if owner_re.match(cn):
            owners_count[cn] += 1
        ow = owner_of(o)
        by_owner[ow] += s
        by_owner_class[(ow, cn)] += s
        total += s
    print("live objects %d, shallow bytes %d" % (len(parent), total))
    print("\n== bytes by owner (per %g) ==" % a.per)
    for ow, s in by_owner.most_common(a.top):
        print("%10.0f  %7.1f owners  %s" % (s / a.per, owners_count[ow] / a.per, ow))
    print("\n== bytes by owner and class (per %g) ==" % a.per)
    for (ow, cn), s in by_owner_class.most_common(a.top * 2):
        print("%10.0f  %-60s %s" % (s / a.per, ow, cn))
    for want in a.chains:
        chains = collections.Counter()
        sizes = collections.Counter()
        for o in parent:
            if cname(o) == want:
                ch = []
                p = parent.get(o, 0)
                while p and len(ch) < 10:
                    ch.append(cname(p))
                    p = parent.get(p, 0)
                key = " <- ".join(ch)
                chains[key] += 1
                sizes[key] += objs_size.get(o, 0)
        print("\n== parent chains of %s ==" % want)
        for k, c in chains.most_common(15):
            print("%6d objs %9d B  %s" % (c, sizes[k], k))


if __name__ == "__main__":
    sys.exit(main())

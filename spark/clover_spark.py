"""Clover on Apache Spark: the summary `clover summarize` writes, for exports no machine holds.

    spark-submit --files clover spark/clover_spark.py INPUT... --out SUMMARY --clover clover
                 [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--top N] [--pseudonymise] [--shards N]

INPUT and SUMMARY are any paths Spark's Hadoop file systems read and write (local, hdfs://,
s3a://, abfss://, gs://, dbfs:/ ...). CLOVER is the native `clover` binary built for the
cluster's machines (Linux x86-64 or arm64), as a path or URL that SparkContext.addFile takes.

The Rust importers stay the only parser (docs/scaling.md):
1. The driver lists the inputs with Hadoop's file system API, in the order `clover summarize`
   reads them, and groups the files into shards by the export's layout: every leaf folder is a
   unit (a Slack channel), files beside folders are context that every shard reads for its
   lookups (Slack's users.json and channels.json), a Teams export is one unit (its importer
   counts across all its files), and with --split-files every file of a leaf folder is a unit
   of its own (Discord channels, Clover JSON or Mattermost files).
   Units are packed into --shards contiguous shards of about equal size.
2. Each shard is one Spark partition: a task receives its files (SparkContext.binaryFiles),
   lays them out in a scratch folder as the CLI would name them, and runs `clover partial`
   (shipped with addFile), which writes the shard's partial: the builder's text-free state
   and the load report. One more shard of the context files alone counts them once.
3. The driver streams the partials back in shard order and runs `clover finish` over them:
   the merge and every metric are the core's own code, the same as `clover summarize` runs.
   The summary is written to SUMMARY.

A shard that fails (a file that cannot be read, a task that dies) is named in the summary's
errors, as the CLI names a file it cannot read, and the other shards are still counted.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

USAGE_EXIT = 1
NOTHING_LOADED_EXIT = 2


def parse_args(argv):
    p = argparse.ArgumentParser(prog="clover_spark.py", description=__doc__.split("\n")[0])
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--out", required=True, help="where to write the summary (any Hadoop path)")
    p.add_argument("--clover", required=True, help="the clover binary (a path or URL for addFile)")
    p.add_argument("--from", dest="date_from")
    p.add_argument("--to", dest="date_to")
    p.add_argument("--top", type=int)
    p.add_argument("--pseudonymise", "--pseudonymize", action="store_true")
    p.add_argument("--shards", type=int, default=0, help="shards to cut the export into (default: 2 per core)")
    p.add_argument("--split-files", action="store_true", help="every file of a leaf folder is a shard unit")
    p.add_argument("--master", help="Spark master when not run by spark-submit (e.g. local[2])")
    p.add_argument(
        "--hadoop-io",
        action="store_true",
        help="list and read local inputs through Hadoop too (as a cluster reads remote ones)",
    )
    p.add_argument("--stats", help="write the run's measurements (JSON) to this local file")
    p.add_argument("--keep-partials", metavar="DIR", help="keep the shards' partials in this local folder")
    return p.parse_args(argv)


# ---------------------------------------------------------------------------------------
# Listing (driver): Hadoop's file system API, so that every scheme Spark reads works
# ---------------------------------------------------------------------------------------


class Listed:
    """A file to read: its URI, its name as `clover summarize INPUT...` names it, its size."""

    __slots__ = ("uri", "name", "size")

    def __init__(self, uri, name, size):
        self.uri, self.name, self.size = uri, name, size

    def __repr__(self):
        return f"Listed({self.name!r}, {self.size})"


def local_path(inp):
    """The local path of an input given as a plain path or a file: URI, else None."""
    from urllib.parse import unquote, urlsplit

    u = urlsplit(inp)
    if u.scheme == "" or (u.scheme == "file" and u.netloc in ("", "localhost")):
        return os.path.abspath(unquote(u.path) if u.scheme else inp)
    return None


def list_local(inp):
    """The CLI's own walk of a local input: folders depth first, entries sorted by name."""
    path = local_path(inp)
    base = os.path.basename(path.rstrip("/")) or path
    out = []
    if not os.path.isdir(path):
        return [Listed("file:" + path, base, os.path.getsize(path))]
    stack = [(path, base)]
    while stack:
        cur, name = stack.pop()
        if os.path.isdir(cur):
            kids = sorted(os.listdir(cur), key=lambda k: k.encode("utf-8", "surrogateescape"))
            for k in reversed(kids):
                stack.append((os.path.join(cur, k), name + "/" + k))
        else:
            out.append(Listed("file:" + cur, name, os.path.getsize(cur)))
    return out


def list_hadoop(spark, inp):
    """Every file under a Hadoop path, listed by Spark in parallel (Hadoop's file system API,
    so s3a://, abfss://, gs://, hdfs:// ... all work), in the CLI's reading order."""
    sc = spark.sparkContext
    jvm = sc._jvm
    root = jvm.org.apache.hadoop.fs.Path(inp)
    fs = root.getFileSystem(sc._jsc.hadoopConfiguration())
    qroot = fs.makeQualified(root)
    status = fs.getFileStatus(qroot)
    base = qroot.getName()
    if not status.isDirectory():
        return [Listed(qroot.toString(), base, status.getLen())]
    prefix = uri_path(qroot.toString())
    rows = (
        spark.read.format("binaryFile")
        .option("recursiveFileLookup", "true")
        .load(hadoop_glob_escape(qroot.toString()))
        .select("path", "length")
        .collect()
    )
    out = []
    for r in rows:
        rel = uri_path(r.path)[len(prefix) :].lstrip("/")
        out.append(Listed(r.path, base + "/" + rel, r.length))
    out.sort(key=lambda f: [part.encode("utf-8", "surrogateescape") for part in f.name.split("/")])
    return out


def list_inputs(spark, inputs, hadoop_io=False):
    """Every file under the inputs, in the order the CLI reads them, named as it names them
    (relative to the input's parent). Local inputs are walked directly (Hadoop's local file
    system starts a process per file it describes); the others through Hadoop."""
    out = []
    for inp in inputs:
        if not hadoop_io and local_path(inp) is not None and os.path.exists(local_path(inp)):
            out.extend(list_local(inp))
        else:
            out.extend(list_hadoop(spark, inp))
    return out


# ---------------------------------------------------------------------------------------
# Planning (driver, pure Python): units by layout, packed into contiguous shards
# ---------------------------------------------------------------------------------------


def plan(files, shards, split_files=False):
    """Cuts listed files into shards. Returns (context, shards): the files every shard reads
    for lookups, and a list of shards, each a list of files, in the CLI's reading order.

    Layout rules (docs/scaling.md):
    - a Teams export (a folder whose subfolders hold teamsList.json or usersList.json) is one
      unit: its importer counts accounts missing from the user list across all its files;
    - a file in a folder that also holds folders is context (Slack's users.json beside the
      channel folders);
    - otherwise a file's unit is its folder (a Slack channel, a Teams team, a folder of
      files), or the file itself with split_files or when it was given as an input;
    - units are packed in order into at most `shards` shards of about equal size.
    """
    folders_with_subfolders = set()
    folder_files = {}
    for f in files:
        parts = f.name.split("/")
        for i in range(1, len(parts) - 1):
            folders_with_subfolders.add("/".join(parts[:i]))
        folder_files.setdefault("/".join(parts[:-1]), []).append(f.name.rsplit("/", 1)[-1].lower())
    # A Teams export (teams/teamsList.json, users/usersList.json) is one unit: its importer
    # counts accounts missing from the user list across all its files (docs/scaling.md).
    teams_roots = {
        d.rsplit("/", 1)[0]
        for d, names in folder_files.items()
        if "/" in d and ("teamslist.json" in names or "userslist.json" in names)
    }

    context, units = [], []
    unit_of = {}
    for f in files:
        parts = f.name.split("/")
        folder = "/".join(parts[:-1])
        teams = next((r for r in teams_roots if f.name.startswith(r + "/")), None)
        if teams is not None:
            key = teams + "/"
        elif folder in folders_with_subfolders:
            context.append(f)
            continue
        elif split_files or not folder:
            key = f.name
        else:
            key = folder
        if key not in unit_of:
            unit_of[key] = len(units)
            units.append([])
        units[unit_of[key]].append(f)

    # Units in order of their first file (the reading order), packed by size.
    total = sum(f.size for u in units for f in u)
    n = max(1, min(shards, len(units)))
    target = total / n if n else 0
    out, cur, size = [], [], 0
    for u in units:
        cur.extend(u)
        size += sum(f.size for f in u)
        if size >= target * (len(out) + 1) and len(out) < n - 1:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    # Files must stay in reading order within a shard (units interleave with their folders).
    return context, out


def hadoop_glob_escape(uri):
    """A path as binaryFiles takes it literally: glob characters escaped, commas protected."""
    out = []
    for c in uri:
        if c in "\\[]{}*?^":
            out.append("\\" + c)
        elif c == ",":
            out.append("{[,]}")
        else:
            out.append(c)
    return "".join(out)


# ---------------------------------------------------------------------------------------
# The map stage (executors): a shard's files through `clover partial`
# ---------------------------------------------------------------------------------------


def uri_path(uri):
    """The path part of a URI as Hadoop prints it, to match binaryFiles' keys to the listing."""
    from urllib.parse import unquote, urlsplit

    p = unquote(urlsplit(uri).path)
    return p.rstrip("/")


def shard_label(shard_files):
    names = [f[1] for f in shard_files]
    if not names:
        return "(no files)"
    if len(names) == 1:
        return names[0]
    return f"{names[0]} … {names[-1]} ({len(names)} files)"


def run_shard(clover_name, index, spec, records):
    """Runs in a task: writes the shard's files into a scratch folder, runs `clover partial`,
    returns ("ok", index, partial bytes, stats) or ("failed", index, errors, stats)."""
    from pyspark import SparkFiles

    started = time.time()
    data, context = spec["data"], spec["context"]
    wanted = {uri_path(u): (name, role) for role, lst in (("d", data), ("c", context)) for u, name, _ in lst}
    work = tempfile.mkdtemp(prefix=f"clover-shard-{index}-")
    got = set()
    nbytes = 0
    try:
        made = set()
        if records is None:
            # Local files (local mode, or a folder every node mounts): linked, not copied; a
            # folder whose files are all the shard's (a channel) is linked once, whole.
            for role, lst in (("d", data), ("c", context)):
                groups = {}
                for uri, name, size in lst:
                    groups.setdefault(name.rsplit("/", 1)[0] if "/" in name else "", []).append((uri, name, size))
                for rel_dir, group in groups.items():
                    src_dir = os.path.dirname(local_path(group[0][0]))
                    try:
                        present = os.listdir(src_dir)
                    except OSError:
                        present = []
                    here = {n.rsplit("/", 1)[-1] for _, n, _ in group}
                    whole = rel_dir and set(present) == here and len(here) == len(group)
                    if whole:
                        target = os.path.join(work, role, *rel_dir.split("/"))
                        os.makedirs(os.path.dirname(target), exist_ok=True)
                        os.symlink(src_dir, target)
                    present = set(present)
                    for uri, name, size in group:
                        if name.rsplit("/", 1)[-1] not in present:
                            continue
                        if not whole:
                            target = os.path.join(work, role, *name.split("/"))
                            folder = os.path.dirname(target)
                            if folder not in made:
                                os.makedirs(folder, exist_ok=True)
                                made.add(folder)
                            os.symlink(local_path(uri), target)
                        nbytes += size
                        got.add(uri_path(uri))
        for uri, content in records or ():
            key = uri_path(uri)
            if key not in wanted:
                continue
            name, role = wanted[key]
            target = os.path.join(work, role, *name.split("/"))
            folder = os.path.dirname(target)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            with open(target, "wb") as fh:
                fh.write(content)
            nbytes += len(content)
            got.add(key)
        read_s = time.time() - started
        errors = [
            {"file": uri, "message": "cannot read file: Spark did not deliver it (it vanished or is unreadable)"}
            for uri, name, _ in data
            if uri_path(uri) not in got
        ]
        clover = SparkFiles.get(clover_name)
        if not os.access(clover, os.X_OK):
            os.chmod(clover, 0o755)
        out = os.path.join(work, "partial")
        cmd = [clover, "partial", "--base", os.path.join(work, "d"), "--context-base", os.path.join(work, "c")]
        if spec.get("context_partial"):
            cmd += ["--context-partial", SparkFiles.get(spec["context_partial"])]
        # The top folders (or files) of the inputs, in the order given: the CLI reads each
        # recursively in name order, so the shard's files are read in the whole export's order.
        for role, lst in (("c", context), ("d", data)):
            roots = []
            for _, name, _ in lst:
                r = name.split("/")[0]
                if r not in roots and os.path.exists(os.path.join(work, role, r)):
                    roots.append(r)
            for r in roots:
                cmd += ["--context", os.path.join(work, role, r)] if role == "c" else [os.path.join(work, role, r)]
        cmd += ["--out", out]
        t0, c0 = time.time(), os.times()
        proc = subprocess.run(cmd, capture_output=True)
        map_s, c1 = time.time() - t0, os.times()
        cpu = (c1.children_user - c0.children_user) + (c1.children_system - c0.children_system)
        stats = {"shard": index, "files": len(got), "bytes": nbytes, "read_s": read_s, "map_s": map_s, "cpu_s": cpu}
        if proc.returncode != 0 or not os.path.exists(out):
            msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            why = msg[-1] if msg else f"exit status {proc.returncode}"
            return ("failed", index, [{"file": shard_label(data), "message": f"this shard failed: {why}"}] + errors, stats)
        stats["stderr"] = proc.stderr.decode("utf-8", "replace").strip()
        if spec.get("out_dir"):
            # Local mode: the driver's folder is on this machine; the partial goes there
            # directly instead of through Spark's memory.
            shutil.move(out, os.path.join(spec["out_dir"], f"{index:08d}"))
            return ("ok", index, None, stats, errors)
        with open(out, "rb") as fh:
            partial = fh.read()
        return ("ok", index, partial, stats, errors)
    except Exception as e:  # a task must never fail the job: its shard is named instead
        return ("failed", index, [{"file": shard_label(data), "message": f"this shard failed: {e}"}], {"shard": index})
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------------------------------
# The job (driver)
# ---------------------------------------------------------------------------------------


def shard_specs(context, shards):
    """The owner shard (context files read as data, counted once) first, then the data shards."""
    tup = lambda fs: [(f.uri, f.name, f.size) for f in fs]  # noqa: E731
    specs = []
    if context:
        specs.append({"data": tup(context), "context": []})
    for s in shards:
        specs.append({"data": tup(s), "context": tup(context)})
    return specs


def shard_rdd(sc, spec):
    uris = [u for u, _, _ in spec["context"]] + [u for u, _, _ in spec["data"]]
    return sc.binaryFiles(",".join(hadoop_glob_escape(u) for u in uris), minPartitions=1).coalesce(1)


def run_shards(sc, specs, clover_name, local, first=0):
    """Yields each shard's result in shard order. All shards run as one Spark job (a partition
    a shard), cached so that the driver then streams the partials one by one; if that job
    fails (a file vanished between listing and reading, an executor lost for good), every
    shard runs again as a job of its own, so that only the broken ones fail."""
    from pyspark import StorageLevel

    def task(index, records, specs=specs):
        yield run_shard(clover_name, first + index, specs[index], None if local else records)

    def rdd_of(chosen):
        if local:
            return sc.parallelize(range(len(chosen)), len(chosen))
        return sc.union([shard_rdd(sc, s) for s in chosen])

    try:
        rdd = rdd_of(specs).mapPartitionsWithIndex(task).persist(StorageLevel.MEMORY_AND_DISK)
        rdd.count()
        for r in rdd.toLocalIterator():
            yield r
        rdd.unpersist()
        return
    except Exception as e:  # noqa: BLE001 - Spark's own errors: re-run shard by shard
        first = str(e).strip().splitlines()[0][:200] if str(e).strip() else type(e).__name__
        if sc._jsc is None or sc._jsc.sc().isStopped():
            raise RuntimeError(f"Spark stopped during the job ({first}); see the driver's log") from e
        print(f"clover-spark: the job failed ({first}); running each shard on its own", file=sys.stderr)
    for i, spec in enumerate(specs):

        def one(_, records, i=i):
            yield run_shard(clover_name, first + i, specs[i], None if local else records)

        try:
            yield rdd_of([spec]).mapPartitionsWithIndex(one).collect()[0]
        except Exception as e:  # noqa: BLE001
            lines = str(e).strip().splitlines()
            why = next((line for line in lines if "Exception:" in line), lines[0] if lines else "unknown error")
            label = shard_label(spec["data"])
            yield ("failed", first + i, [{"file": label, "message": f"this shard could not be read: {why.strip()[:500]}"}], {"shard": i})


def write_out(sc, path, data):
    """Writes the summary: a local path directly, anything else through Hadoop."""
    lp = local_path(path)
    if lp is not None:
        with open(lp, "wb") as fh:
            fh.write(data)
        return
    jvm = sc._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    fs = p.getFileSystem(sc._jsc.hadoopConfiguration())
    out = fs.create(p, True)
    try:
        out.write(bytearray(data))
    finally:
        out.close()


def run(spark, args):
    """The whole job; returns the process exit status."""
    return execute(spark, args, prepare(spark, args))


def prepare(spark, args):
    """Lists the inputs and cuts them into shards (the driver's first step)."""
    sc = spark.sparkContext
    t0 = time.time()
    files = list_inputs(spark, args.inputs, args.hadoop_io)
    shards = args.shards or 2 * sc.defaultParallelism
    context, data_shards = plan(files, shards, args.split_files)
    specs = shard_specs(context, data_shards)
    print(
        f"clover-spark: {len(files)} files ({sum(f.size for f in files)} bytes) in {len(specs)} shards"
        f" ({len(context)} context files)",
        file=sys.stderr,
    )
    return {"files": files, "specs": specs, "list_s": time.time() - t0}


def execute(spark, args, prepared):
    """Runs the shards and the finish; writes the summary; returns the exit status."""
    sc = spark.sparkContext
    sc.addFile(args.clover)
    if __name__ != "__main__" and not getattr(sc, "_clover_spark_shipped", False):
        # Imported (a test, a notebook): the tasks' functions live in this module, which the
        # executors must be able to import. Run as a script, they travel with the task.
        sc.addPyFile(os.path.abspath(__file__))
        sc._clover_spark_shipped = True
    clover_name = os.path.basename(args.clover.rstrip("/"))
    files, specs, list_s = prepared["files"], prepared["specs"], prepared["list_s"]
    local = all(f.uri.startswith("file:") for f in files) and not args.hadoop_io
    local_master = sc.master.startswith("local")
    work = tempfile.mkdtemp(prefix="clover-finish-")
    try:
        parts_dir = os.path.abspath(args.keep_partials or os.path.join(work, "partials"))
        os.makedirs(parts_dir, exist_ok=True)
        if local_master:
            specs = [dict(spec, out_dir=parts_dir) for spec in specs]
        errors = []
        stats = []
        t1 = time.time()

        def collect(results):
            ok = []
            for result in results:
                kind, index = result[0], result[1]
                if kind == "ok":
                    if result[2] is not None:
                        with open(os.path.join(parts_dir, f"{index:08d}"), "wb") as fh:
                            fh.write(result[2])
                    stats.append(result[3])
                    errors.extend(result[4])
                    ok.append(index)
                else:
                    errors.extend(result[2])
                    stats.append(result[3])
            return ok

        first = 0
        if specs and not specs[0]["context"] and len(specs) > 1 and specs[1]["context"]:
            # The context's own shard first: its partial goes to every other shard, which then
            # reads the context files once instead of twice.
            if collect(run_shards(sc, specs[:1], clover_name, local)) == [0]:
                name = f"clover-context-{os.getpid()}-{int(time.time() * 1000)}.partial"
                shutil.copy(os.path.join(parts_dir, f"{0:08d}"), os.path.join(work, name))
                sc.addFile(os.path.join(work, name))
                specs = specs[:1] + [dict(spec, context_partial=name) for spec in specs[1:]]
            first = 1
        collect(run_shards(sc, specs[first:], clover_name, local, first))
        map_s = time.time() - t1
        for e in errors:
            print(f"error: {e['file']}: {e['message']}", file=sys.stderr)
        errors_file = os.path.join(work, "errors.json")
        with open(errors_file, "w") as fh:
            json.dump(errors, fh)
        local_out = os.path.join(work, "summary.json")
        from pyspark import SparkFiles

        clover = SparkFiles.get(clover_name)
        if not os.access(clover, os.X_OK):
            os.chmod(clover, 0o755)
        cmd = [clover, "finish", parts_dir, "--errors", errors_file, "--out", local_out]
        if args.date_from:
            cmd += ["--from", args.date_from]
        if args.date_to:
            cmd += ["--to", args.date_to]
        if args.top is not None:
            cmd += ["--top", str(args.top)]
        if args.pseudonymise:
            cmd.append("--pseudonymise")
        t2, c2 = time.time(), os.times()
        if not os.listdir(parts_dir):
            print("clover-spark: no shard could be read", file=sys.stderr)
            return NOTHING_LOADED_EXIT
        proc = subprocess.run(cmd, capture_output=True, text=True)
        finish_s, c3 = time.time() - t2, os.times()
        finish_cpu = (c3.children_user - c2.children_user) + (c3.children_system - c2.children_system)
        sys.stderr.write("".join(line + "\n" for line in proc.stderr.splitlines() if not line.startswith("error: ")))
        if proc.returncode != 0:
            return proc.returncode
        with open(local_out, "rb") as fh:
            write_out(sc, args.out, fh.read())
        print(f"clover-spark: wrote {args.out}", file=sys.stderr)
        if args.stats:
            with open(args.stats, "w") as fh:
                json.dump(
                    {
                        "files": len(files),
                        "bytes": sum(f.size for f in files),
                        "shards": len(specs),
                        "list_s": list_s,
                        "map_stage_s": map_s,
                        "finish_s": finish_s,
                        "finish_cpu_s": finish_cpu,
                        "finish_stderr": proc.stderr,
                        "tasks": stats,
                    },
                    fh,
                    indent=1,
                )
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def session(master=None, app="clover", conf=None):
    from pyspark.sql import SparkSession

    b = SparkSession.builder.appName(app)
    for k, v in (conf or {}).items():
        b = b.config(k, v)
    if master:
        b = b.master(master)
    # A file that vanishes or cannot be read while a shard reads it is left out (and named by
    # the shard) instead of failing the job; see run_shards for files gone before listing.
    b = b.config("spark.files.ignoreMissingFiles", "true").config("spark.files.ignoreCorruptFiles", "true")
    return b.getOrCreate()


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    spark = session(args.master)
    try:
        return run(spark, args)
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main())

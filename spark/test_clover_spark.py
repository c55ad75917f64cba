"""The Spark job in local mode against `clover summarize` on the same files: every number of
the summaries must be equal (parsed JSON compared). Run by `./dev test`:

    CLOVER_BIN=target/debug/clover target/spark-venv/bin/python -m unittest discover -s spark

One Spark session (local[2]) serves every case.
"""

import json
import os
import warnings
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import clover_spark  # noqa: E402

CLOVER = os.path.abspath(os.environ.get("CLOVER_BIN", os.path.join(ROOT, "target", "debug", "clover")))
SAMPLES = os.path.abspath(os.path.join(ROOT, "..", "shared", "samples"))


def diff(a, b, at="", out=None):
    """Where two parsed JSON values differ (the first 20 places)."""
    out = [] if out is None else out
    if len(out) >= 20:
        return out
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a) + [k for k in b if k not in a]:
            diff(a.get(k), b.get(k), f"{at}.{k}", out)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            diff(x, y, f"{at}[{i}]", out)
    elif a != b or type(a) is not type(b):
        out.append(f"{at}: {json.dumps(a)[:300]} != {json.dumps(b)[:300]}")
    return out


class SparkJob(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        warnings.simplefilter("ignore", ResourceWarning)  # py4j's sockets, closed by Spark
        cls.tmp = tempfile.mkdtemp(prefix="clover-spark-test-")
        quiet = {"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false", "spark.sql.shuffle.partitions": "2"}
        cls.spark = clover_spark.session("local[2]", app="clover-test", conf=quiet)
        cls.spark.sparkContext.setLogLevel("ERROR")
        # The demo (1,600 people, clover demo's default) as a Slack export, unzipped as a data
        # lake holds it.
        cls.demo = cls.slack_demo("demo", [])
        # A smaller one for the cases about failures.
        cls.small = cls.slack_demo("small", ["--people", "150", "--months", "3"])

    @classmethod
    def slack_demo(cls, name, extra):
        zpath = os.path.join(cls.tmp, name + ".zip")
        subprocess.run([CLOVER, "demo", "--format", "slack", *extra, "--out", zpath], check=True, capture_output=True)
        folder = os.path.join(cls.tmp, name)
        with zipfile.ZipFile(zpath) as z:
            z.extractall(folder)
        os.remove(zpath)
        return folder

    @classmethod
    def tearDownClass(cls):
        cls.spark.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def summarize(self, inputs, extra=()):
        out = os.path.join(self.tmp, "want.json")
        p = subprocess.run([CLOVER, "summarize", *inputs, "--out", out, *extra], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(out) as fh:
            return json.load(fh)

    def job(self, inputs, extra=(), clover=CLOVER, prepared_hook=None):
        out = os.path.join(self.tmp, "got.json")
        stats = os.path.join(self.tmp, "stats.json")
        if os.path.exists(out):
            os.remove(out)
        args = clover_spark.parse_args([*inputs, "--out", out, "--clover", clover, "--stats", stats, *extra])
        prepared = clover_spark.prepare(self.spark, args)
        if prepared_hook:
            prepared_hook(prepared)
        code = clover_spark.execute(self.spark, args, prepared)
        self.assertEqual(code, 0)
        with open(out) as fh, open(stats) as sh:
            return json.load(fh), json.load(sh)

    def assertSame(self, want, got, what):
        d = diff(want, got)
        self.assertEqual(d, [], f"{what}: the Spark summary differs from clover summarize's:\n" + "\n".join(d))

    def test_demo_slack_in_four_shards(self):
        for extra in ([], ["--from", "2024-03-01", "--to", "2024-09-30", "--pseudonymise", "--top", "20"]):
            got, stats = self.job([self.demo], ["--shards", "4", *extra])
            self.assertGreaterEqual(stats["shards"], 5, "4 data shards and the context's")
            self.assertSame(self.summarize([self.demo], extra), got, f"demo {extra}")
            self.assertGreater(got["import"]["posts"], 1000)

    def test_every_sample_format(self):
        for fmt in ["slack", "teams", "mattermost", "discord", "yammer"]:
            inp = os.path.join(SAMPLES, fmt)
            got, stats = self.job([inp], ["--shards", "4"])
            self.assertSame(self.summarize([inp]), got, fmt)
            self.assertGreater(got["import"]["files_loaded"], 0, fmt)

    def test_several_formats_and_a_roster_as_single_files(self):
        # Each file its own shard: the roster rows are joined to people of other shards at the
        # finish, as in one process.
        mm, cl, roster = (os.path.join(self.tmp, n) for n in ("mm.jsonl", "cl.json", "roster.csv"))
        small = ["--people", "200", "--months", "4"]
        subprocess.run([CLOVER, "demo", *small, "--format", "mattermost", "--out", mm], check=True, capture_output=True)
        subprocess.run(
            [CLOVER, "demo", *small, "--format", "clover", "--out", cl, "--roster", roster], check=True, capture_output=True
        )
        extra = ["--from", "2024-02-01", "--pseudonymise"]
        got, stats = self.job([mm, cl, roster], extra)
        self.assertEqual(stats["shards"], 3)
        self.assertSame(self.summarize([mm, cl, roster], extra), got, "mattermost + clover + roster")
        self.assertIsNotNone(got["analysis"]["funnel"][0]["count"])

    def test_hadoop_io_route(self):
        # What a cluster does with s3a:// or abfss:// inputs: Hadoop lists and reads the files
        # (binaryFiles); the Discord sample's names hold glob characters ([ ]).
        for fmt, extra in [("discord", ["--split-files"]), ("slack", [])]:
            inp = os.path.join(SAMPLES, fmt)
            got, _ = self.job(["file://" + inp], ["--hadoop-io", "--shards", "3", *extra])
            self.assertSame(self.summarize([inp]), got, f"{fmt} through Hadoop")

    def test_broken_files_are_named_as_summarize_names_them(self):
        broken = os.path.join(self.tmp, "broken")
        shutil.copytree(self.small, broken)
        day = os.path.join(broken, "general", sorted(os.listdir(os.path.join(broken, "general")))[3])
        with open(day, "rb") as fh:
            data = fh.read()
        with open(day, "wb") as fh:
            fh.write(data[: len(data) // 2])
        for f in os.listdir(os.path.join(broken, "random")):
            with open(os.path.join(broken, "random", f), "wb") as fh:
                fh.write(b"\x00 not json")
        # A file beside the channel folders is context, read by every shard: named once.
        with open(os.path.join(broken, "notes.txt"), "w") as fh:
            fh.write("not an export")
        got, _ = self.job([broken], ["--shards", "4"])
        want = self.summarize([broken])
        self.assertSame(want, got, "broken files")
        files = {e["file"] for e in got["import"]["errors"]}
        self.assertIn("broken/general/" + os.path.basename(day), files)
        self.assertTrue(any(f.startswith("broken/random/") for f in files))
        self.assertEqual([e["file"] for e in got["import"]["errors"]].count("broken/notes.txt"), 1)
        shutil.rmtree(broken)

    def test_a_failing_shard_is_named_and_the_others_count(self):
        # A clover that dies on the shard holding the `random` channel: that shard is named in
        # the summary's errors, the others are counted.
        fake = os.path.join(self.tmp, "clover-dies")
        with open(fake, "w") as fh:
            fh.write(
                "#!/bin/sh\n"
                'for a in "$@"; do [ -d "$a/random" ] && { echo "thread main panicked: simulated" >&2; exit 101; }; done\n'
                f'exec "{CLOVER}" "$@"\n'
            )
        os.chmod(fake, 0o755)
        got, _ = self.job([self.small], ["--shards", "4"], clover=fake)
        failed = [e for e in got["import"]["errors"] if "this shard failed" in e["message"]]
        self.assertEqual(len(failed), 1, got["import"]["errors"])
        self.assertIn("simulated", failed[0]["message"])
        self.assertTrue(failed[0]["file"].startswith("small/"), failed[0])
        whole = self.summarize([self.small])["import"]
        self.assertGreater(got["import"]["posts"], 0)
        self.assertLess(got["import"]["posts"], whole["posts"])

    def test_a_file_gone_before_its_shard_runs_is_named(self):
        gone = os.path.join(self.tmp, "gone")
        shutil.copytree(self.small, gone)
        victim = os.path.join(gone, "general", sorted(os.listdir(os.path.join(gone, "general")))[0])
        got, _ = self.job([gone], ["--shards", "4"], prepared_hook=lambda _: os.remove(victim))
        errors = got["import"]["errors"]
        self.assertTrue(any(e["file"].endswith(os.path.basename(victim)) for e in errors), errors)
        self.assertGreater(got["import"]["posts"], 100)
        shutil.rmtree(gone)


if __name__ == "__main__":
    unittest.main()

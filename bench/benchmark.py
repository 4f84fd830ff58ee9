"""Speed and memory of the batch driver, folder -> JSONL, end to end (not a timed test).

    python bench/benchmark.py                              # 2000 articles, --workers 2, memory at 1k and 10k
    python bench/benchmark.py --n 500 --memory-sizes ""    # a quick look

The corpus articles (corpus/articles/*.txt) are replicated to N files in a temporary
folder and run through `extractor.run.run` with the given number of workers, in a fresh
process per size so that each peak is that size's own. The same texts then go through
spaCy's blank("id") tokenizer alone, the floor no rule pipeline can beat, and the ratio
per core is printed.

Memory, three ways: ru_maxrss of the driver and of the largest worker (getrusage
RUSAGE_SELF / RUSAGE_CHILDREN); their sum, an upper bound, since the workers share the
pipeline with the driver copy-on-write; and the peak of the summed PSS of the driver and
its workers, sampled from /proc every 0.5 s (Linux), which counts shared pages once and
is what the run really holds.

Before measuring, a CPU calibration runs the same pure-Python loop in one process and in
`--workers` processes at once: on a shared or throttled machine the "2 cores" may give
less than 2x, and the figures should be read with that.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "articles"


MONTHS = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
DAY = re.compile(rf"\b(0?[1-9]|[12]\d|3[01])(?=/\d{{1,2}}\b| (?:{MONTHS})\b)")


SYLLABLES = "ba bu da di ga ha ja ka ki ko la li ma mi na ni nu pa ra ri ro sa si su ta ti to wa ya".split()


def _person_mentions(article: Path) -> list[str]:
    spans = article.with_name(article.name[:-4] + ".spans.json")
    if not spans.is_file():
        return []
    mentions = json.loads(spans.read_text(encoding="utf-8")).get("mentions", [])
    return sorted({m[1] for m in mentions if m[0] == "PERSON"}, key=len, reverse=True)


def vary(text: str, copy: int, people: list[str], pool: list[str]) -> str:
    """Copy number `copy` of an article, with other names and days, so no cache sees it twice.

    Each person gets names drawn from the corpus and a new surname, so the run meets new
    strings at about the rate real folders bring them (spaCy's vocab grows with them).
    """
    if copy == 0:
        return text
    for name in people:
        rng = random.Random(f"{copy}:{name}")
        words = [rng.choice(pool) for _ in name.split()]
        words[-1] = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()  # a surname no one had
        text = text.replace(name, " ".join(words))
    return DAY.sub(lambda m: f"{(int(m.group(1)) - 1 + copy) % 28 + 1:0{len(m.group(1))}d}", text)


def replicate(folder: Path, n: int, distinct: bool = True) -> None:
    """n files in folder, the corpus articles in turn.

    Nothing is kept in memory: the run's driver is this process, and whatever it held
    would count in its memory and, after the fork, in every worker's RSS.

    With distinct, every pass after the first changes the people's names (drawn from the
    corpus's own names) and the days of the dates, so the run meets new strings as a real
    folder does and the caches (tokenizer, dates, name keys) are not flattered.
    """
    paths = sorted(CORPUS.glob("*.txt"))
    if not paths:
        sys.exit(f"no articles in {CORPUS}")
    texts = [p.read_text(encoding="utf-8") for p in paths]
    people = [_person_mentions(p) for p in paths]
    pool = sorted({w for names in people for name in names for w in name.split() if w[:1].isupper()})
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        k = i % len(texts)
        text = vary(texts[k], i // len(texts), people[k], pool) if distinct and pool else texts[k]
        (folder / f"a{i:07d}.txt").write_text(text, encoding="utf-8")


def maxrss_mb() -> tuple[float, float]:
    """(peak RSS of this process, peak RSS of its largest finished child) in MB."""
    scale = 1 / (1024 * 1024) if sys.platform == "darwin" else 1 / 1024  # Linux: KB, macOS: bytes
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale)


class PssSampler(threading.Thread):
    """Peak of the summed PSS (and RSS) of this process and its children, from /proc."""

    def __init__(self, every: float = 0.5):
        super().__init__(daemon=True)
        self.every, self.peak_pss, self.peak_rss, self.stop_flag = every, 0.0, 0.0, threading.Event()
        self.available = Path("/proc/self/smaps_rollup").exists()

    def run(self) -> None:
        while self.available and not self.stop_flag.is_set():
            pss = rss = 0.0
            for pid in [os.getpid(), *self._children()]:
                p, r = self._read(pid)
                pss, rss = pss + p, rss + r
            self.peak_pss, self.peak_rss = max(self.peak_pss, pss), max(self.peak_rss, rss)
            self.stop_flag.wait(self.every)

    @staticmethod
    def _children() -> list[int]:
        me, out = os.getpid(), []
        try:  # the kernel's list (CONFIG_PROC_CHILDREN), cheap
            for task in os.listdir(f"/proc/{me}/task"):
                out.extend(int(x) for x in Path(f"/proc/{me}/task/{task}/children").read_text().split())
            return out
        except OSError:
            out = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == me:
                    out.append(int(entry))
        return out

    @staticmethod
    def _read(pid: int) -> tuple[float, float]:
        pss = rss = 0.0
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss = int(line.split()[1]) / 1024
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1]) / 1024
        except (OSError, ValueError, IndexError):
            pass
        return pss, rss

    def stop(self) -> None:
        self.stop_flag.set()
        self.join()


def measure(n: int, workers: int, tokenizer: bool, no_torch: bool = False, distinct: bool = True) -> dict:
    """One size, in this (fresh) process."""
    if no_torch:
        sys.modules["torch"] = None  # thinc imports torch when it is installed; a blank pipeline never uses it
    sys.path.insert(0, str(ROOT))
    from extractor.pipeline import load_pipeline
    from extractor.run import run

    with tempfile.TemporaryDirectory(prefix="idpr-bench-") as tmp:
        folder = Path(tmp) / "articles"
        replicate(folder, n, distinct)
        t0 = time.perf_counter()
        load_pipeline()
        load_s = time.perf_counter() - t0
        sampler = PssSampler()
        sampler.start()
        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        t0 = time.perf_counter()
        stats = run([folder], Path(tmp) / "facts.jsonl", Path(tmp) / "errors.jsonl", workers=workers)
        run_s = time.perf_counter() - t0
        cpu1, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        sampler.stop()
        main_mb, child_mb = maxrss_mb()  # before the tokenizer pass below reads the texts into memory
        out_mb = (Path(tmp) / "facts.jsonl").stat().st_size / 1e6
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))] if tokenizer else []
    driver_cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    worker_cpu = kids.ru_utime + kids.ru_stime
    result = {"n": n, "workers": workers, "articles": stats.articles, "failed": stats.failed, "words": stats.words,
              "load_s": load_s, "run_s": run_s, "articles_per_s": stats.articles / run_s,
              "words_per_s": stats.words / run_s, "driver_cpu_s": driver_cpu, "worker_cpu_s": worker_cpu,
              "rss_main_mb": main_mb, "rss_worker_mb": child_mb,
              "rss_sum_bound_mb": main_mb + (workers * child_mb if workers > 1 else 0),
              "peak_pss_mb": sampler.peak_pss, "peak_rss_sum_mb": sampler.peak_rss, "output_mb": out_mb}
    if tokenizer:
        import spacy

        nlp = spacy.blank("id")
        t0 = time.perf_counter()
        for text in texts:
            nlp.make_doc(text)
        tok_s = time.perf_counter() - t0
        result["tokenizer_articles_per_s"] = n / tok_s
        result["tokenizer_words_per_s"] = sum(len(t.split()) for t in texts) / tok_s
    return result


def _burn(n: int) -> float:
    t0 = time.perf_counter()
    s = 0
    for i in range(n):
        s += i * i
    return time.perf_counter() - t0


def effective_cores(workers: int, n: int = 8_000_000) -> float:
    """How many times one process's CPU work `workers` processes get done at once (2.0 = two free cores)."""
    t0 = time.perf_counter()
    _burn(n)
    one = time.perf_counter() - t0
    with mp.get_context("fork" if "fork" in mp.get_all_start_methods() else None).Pool(workers) as pool:
        t0 = time.perf_counter()
        pool.map(_burn, [n] * workers)
        many = time.perf_counter() - t0
    return workers * one / many


def in_fresh_process(n: int, workers: int, tokenizer: bool, no_torch: bool = False, distinct: bool = True) -> dict:
    cmd = [sys.executable, __file__, "--single", "--n", str(n), "--workers", str(workers)]
    if not distinct:
        cmd.append("--verbatim")
    if tokenizer:
        cmd.append("--tokenizer")
    if no_torch:
        cmd.append("--no-torch")
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="articles in the main measurement (default 2000)")
    ap.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--memory-sizes", default="1000,10000",
                    help="comma-separated sizes for the memory check (default 1000,10000; empty: none)")
    ap.add_argument("--json", action="store_true", help="also print every measurement as JSON")
    ap.add_argument("--no-torch", action="store_true",
                    help="measure as if torch were not installed (thinc imports it when it is: ~230 MB a process)")
    ap.add_argument("--verbatim", action="store_true",
                    help="replicate the articles verbatim (default: later copies get other names and days)")
    ap.add_argument("--single", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--tokenizer", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.single:
        print(json.dumps(measure(args.n, args.workers, args.tokenizer, args.no_torch, not args.verbatim)))
        return

    cores = os.cpu_count() or 1
    eff = effective_cores(args.workers)
    print(f"machine: {cores} cores ({eff:.2f}x one core's work when {args.workers} processes burn CPU at once), "
          f"Python {sys.version.split()[0]}; {len(list(CORPUS.glob('*.txt')))} corpus articles replicated "
          f"{'verbatim' if args.verbatim else '(later copies with other names and days)'}")
    if args.no_torch:
        print("torch blocked (sys.modules['torch'] = None) in the measured processes")
    r = in_fresh_process(args.n, args.workers, tokenizer=True, no_torch=args.no_torch, distinct=not args.verbatim)
    cpu = r["worker_cpu_s"] + r["driver_cpu_s"]
    per_core = r["articles"] / cpu  # articles per CPU-second: what one free core does, whatever the load
    print(f"\nend to end, folder -> JSONL, {r['n']} articles, --workers {args.workers}:")
    print(f"  {r['articles']} records, {r['failed']} failed, {r['words']} words, {r['output_mb']:.1f} MB of JSONL")
    print(f"  pipeline load      {r['load_s']:.1f} s (once, in the driver; workers fork after it)")
    print(f"  run                {r['run_s']:.1f} s wall; CPU {cpu:.1f} s (workers {r['worker_cpu_s']:.1f} s, "
          f"driver {r['driver_cpu_s']:.1f} s), so the run got {cpu / r['run_s']:.2f} cores on average")
    print(f"  articles/s         {r['articles_per_s']:.1f}")
    print(f"  words/s            {r['words_per_s']:.0f}")
    print(f"  per core           {per_core:.1f} articles per CPU-second; with {args.workers} free cores: "
          f"~{per_core * args.workers:.0f} articles/s")
    print(f"  peak memory        PSS of driver + workers {r['peak_pss_mb']:.0f} MB (their RSS summed "
          f"{r['peak_rss_sum_mb']:.0f} MB); ru_maxrss driver {r['rss_main_mb']:.0f} MB, largest worker "
          f"{r['rss_worker_mb']:.0f} MB, sum bound {r['rss_sum_bound_mb']:.0f} MB")
    tok = r["tokenizer_articles_per_s"]
    print("\nspaCy blank('id') tokenizer alone, same texts, one process:")
    print(f"  articles/s         {tok:.1f}")
    print(f"  words/s            {r['tokenizer_words_per_s']:.0f}")
    print(f"  ratio per core     the pipeline is {tok / per_core:.1f}x slower than the bare tokenizer "
          f"({per_core:.1f} vs {tok:.1f} articles per core-second)")
    print(f"\ntargets: >= 300 articles/s with --workers {args.workers}: measured "
          f"{'met' if r['articles_per_s'] >= 300 else 'NOT met'}, on free cores "
          f"{'met' if per_core * args.workers >= 300 else 'NOT met'}; ratio >= 0.25 per core: "
          f"{'met' if per_core / tok >= 0.25 else 'NOT met'} ({per_core / tok:.2f}); peak memory <= 500 MB: "
          f"{'met' if r['peak_pss_mb'] <= 500 else 'NOT met'} by PSS ({r['peak_pss_mb']:.0f} MB), largest process "
          f"{'met' if max(r['rss_main_mb'], r['rss_worker_mb']) <= 500 else 'NOT met'} "
          f"({max(r['rss_main_mb'], r['rss_worker_mb']):.0f} MB RSS); the RSS sum bound ({r['rss_sum_bound_mb']:.0f} MB) "
          f"counts the pages the workers share with the driver once per process")
    results = [r]
    sizes = [int(x) for x in args.memory_sizes.split(",") if x.strip()]
    if sizes:
        print(f"\nmemory across sizes (a fresh process each, --workers {args.workers}):")
        print(f"  {'articles':>9} {'articles/s':>11} {'peak PSS MB':>12} {'driver RSS MB':>14} "
              f"{'worker RSS MB':>14} {'RSS sum bound MB':>17}")
        for n in sizes:
            m = in_fresh_process(n, args.workers, tokenizer=False, no_torch=args.no_torch, distinct=not args.verbatim)
            results.append(m)
            print(f"  {m['n']:>9} {m['articles_per_s']:>11.1f} {m['peak_pss_mb']:>12.0f} {m['rss_main_mb']:>14.0f} "
                  f"{m['rss_worker_mb']:>14.0f} {m['rss_sum_bound_mb']:>17.0f}")
    if args.json:
        print(json.dumps({"effective_cores": eff, "runs": results}, indent=2))


if __name__ == "__main__":
    main()

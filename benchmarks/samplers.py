"""Measuring the tool's process tree: peak resident memory and CPU time, through psutil.

The command starts a pool (a fork server and its workers): none of them is a
child the command waits for, so the tree is sampled while it runs rather
than asked with getrusage afterwards.
"""

from __future__ import annotations

import threading

import psutil

# How often the process tree is read.
SAMPLE_S = 0.2


def children_cpu() -> float:
    """CPU seconds used so far by this process's waited-for children."""
    times = psutil.Process().cpu_times()
    return float(times.children_user + times.children_system)


class TreeSampler:
    """Samples a process and all its descendants: peak resident memory, CPU time used.

    The sum of RSS counts pages the workers share with the fork server once
    per process, so it errs on the high side. CPU time is each live process's
    own plus that of the children it has waited for (the fork server waits for
    the workers), so the last sample holds nearly all of it.
    """

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self.cpu = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(SAMPLE_S):
            rss, cpu = tree_usage(self.pid)
            self.peak = max(self.peak, rss)
            self.cpu = max(self.cpu, cpu)


def tree_usage(pid: int) -> tuple[int, float]:
    """Bytes resident in ``pid`` and its descendants now, and the CPU seconds they used."""
    try:
        root = psutil.Process(pid)
        tree = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0, 0.0  # ended meanwhile
    rss, cpu = 0, 0.0
    for process in tree:
        try:
            with process.oneshot():
                rss += process.memory_info().rss
                times = process.cpu_times()
        except psutil.Error:
            continue  # ended meanwhile
        cpu += times.user + times.system + times.children_user + times.children_system
    return rss, cpu

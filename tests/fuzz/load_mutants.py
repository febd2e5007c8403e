#!/usr/bin/env python3
"""Loads scenario files each in a forked child of this small process (the pybind module, the
very loader of `maillage check`, without a process start per input) and prints, as JSON,
path -> [outcome, message]: ok, refused (a ScenarioError: its message), exception (any
other: the command line would abort), signal N, or timeout.

    python3 tests/fuzz/load_mutants.py TIMEOUT JOBS PATH...   (maillage importable)

A process of its own, not pytest's: forking a process that holds pandas is slow."""
import glob
import importlib.util
import json
import os
import select
import signal
import sys
import time


def core_module():
    """maillage/_maillage*.so alone: the package's __init__ would import pandas, and a big
    process forks slowly."""
    for folder in sys.path:
        for path in glob.glob(os.path.join(folder or ".", "maillage", "_maillage*.so")):
            spec = importlib.util.spec_from_file_location("_maillage", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    raise ImportError("maillage/_maillage*.so is not on the path: build first")


_maillage = core_module()


def load_in_child(path):
    """Forks a child that loads `path`; returns (pid, read end of its report pipe)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report, then leave without Python's clean-up
        os.close(r)
        try:
            _maillage.check(path, [])
            report = "ok\n"
        except _maillage.ScenarioError as e:
            report = "refused\n" + str(e)
        except BaseException as e:
            report = f"exception\n{type(e).__name__}: {e}"
        os.write(w, report.encode("utf-8", "replace"))
        os._exit(0)
    os.close(w)
    return pid, r


def load_all(paths, timeout, jobs):
    results, pending, running = {}, list(paths), {}
    while pending or running:
        while pending and len(running) < jobs:
            path = pending.pop()
            pid, fd = load_in_child(path)
            running[fd] = (path, pid, time.monotonic(), [])
        ready, _, _ = select.select(list(running), [], [], 0.5)
        for fd in list(running):
            path, pid, started, chunks = running[fd]
            timed_out = fd not in ready and time.monotonic() - started > timeout
            if fd in ready:
                chunk = os.read(fd, 65536)
                if chunk:
                    chunks.append(chunk)
                    continue
            elif not timed_out:
                continue
            if timed_out:
                os.kill(pid, signal.SIGKILL)
            os.close(fd)
            _, status = os.waitpid(pid, 0)
            outcome, _, message = b"".join(chunks).decode("utf-8", "replace").partition("\n")
            if timed_out:
                outcome = "timeout"
            elif os.WIFSIGNALED(status):
                outcome = f"signal {os.WTERMSIG(status)}"
            results[path] = [outcome or "died", message]
            del running[fd]
    return results


if __name__ == "__main__":
    json.dump(load_all(sys.argv[3:], float(sys.argv[1]), int(sys.argv[2])), sys.stdout)

"""A sweep's checkpoint folder: each finished variant is written there as it ends, so that
an interrupted sweep (Ctrl-C, a killed worker, a lost Dask worker) run again with the same
arguments runs only the variants that had not finished, and gives the same table."""
import hashlib
import json
import os

_MANIFEST = "sweep.json"


def _fingerprint(scenario, overrides, replications, seed, plans, tables):
    """What makes two sweeps the same: the scenario file's bytes, every variant's overrides
    (as the strings the engine parses), replications, seed, plans and the tables kept."""
    with open(scenario.path, "rb") as f:
        content = hashlib.sha256(f.read()).hexdigest()
    key = json.dumps({"scenario": scenario.path, "content": content, "force": bool(scenario.force),
                      "overrides": overrides, "replications": replications, "seed": seed, "plans": plans,
                      **({"tables": list(tables)} if tuple(tables) != ("summary", "kpis") else {})},
                     sort_keys=True, default=str)
    return hashlib.sha256(key.encode()).hexdigest()


class Checkpoint:
    """Finished variants by number, in `folder` (created if missing)."""

    def __init__(self, folder, scenario, overrides, replications, seed, plans, tables=("summary", "kpis")):
        self.folder = os.fspath(folder)
        os.makedirs(self.folder, exist_ok=True)
        fingerprint = _fingerprint(scenario, overrides, replications, seed, plans, tables)
        manifest = os.path.join(self.folder, _MANIFEST)
        if os.path.exists(manifest):
            with open(manifest, encoding="utf-8") as f:
                previous = json.load(f)
            if previous.get("fingerprint") != fingerprint:
                raise ValueError(f"checkpoint {self.folder!r} holds another sweep (different scenario, variants, "
                                 "replications, seed, plans, by_commune or series): use another folder, or empty this one")
        else:
            self._write(manifest, {"fingerprint": fingerprint, "variants": len(overrides)})

    def _path(self, index):
        return os.path.join(self.folder, f"variant-{index:05d}.json")

    @staticmethod
    def _write(path, content):
        """Written whole or not at all: a sweep killed mid-write leaves no half file."""
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(content, f)
        os.replace(tmp, path)

    def load(self, index):
        """(csv, error) of a finished variant, or None."""
        path = self._path(index)
        if not os.path.exists(path):
            return None
        with open(path, encoding="utf-8") as f:
            done = json.load(f)
        return (tuple(done["csv"]) if done["csv"] is not None else None), done["error"]

    def save(self, index, outcome):
        csv, error = outcome
        self._write(self._path(index), {"csv": list(csv) if csv is not None else None, "error": error})

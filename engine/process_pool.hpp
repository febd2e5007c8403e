#pragma once
// Runs tasks each in its own forked child process, a few at a time, and brings back the
// bytes each returns. SimGrid keeps global state across engines, so every simulation gets
// a fresh process; this is also how replications use every core.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace maillage {

struct TaskOutcome {
  bool ok = false;
  std::string bytes;  ///< the task's return value, or the error message when !ok
};

/** Runs task(i) for i in [0, n) in forked children, at most `jobs` at once (jobs <= 0: one
 *  per core). A child that throws or dies is reported in its outcome, never silently lost.
 *  Children die with the parent (killed, or Ctrl-C) and are killed if it leaves early.
 *  `on_done(finished, n)` is called in the parent after each child ends. Outcomes come back
 *  in task order whatever the order of completion. */
std::vector<TaskOutcome> run_in_processes(std::size_t n, int jobs,
                                          const std::function<std::string(std::size_t)>& task,
                                          const std::function<void(std::size_t, std::size_t)>& on_done = {});

}  // namespace maillage

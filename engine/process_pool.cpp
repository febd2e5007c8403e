#include "engine/process_pool.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <thread>

namespace maillage {
namespace {

void write_all(int fd, const char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return;  // parent went away: nothing useful left to do
    }
    data += w;
    n -= static_cast<std::size_t>(w);
  }
}

struct Child {
  pid_t pid = -1;
  int fd = -1;
  std::size_t task = 0;
  std::string received;
};

/** In a child just forked: it dies with its parent, killed or interrupted, rather than
 *  simulating on alone. The parent may have gone before prctl: then getppid differs. */
void die_with_parent(pid_t parent) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(1);
  // Ctrl-C reaches the whole foreground group: the child stops too, even when the parent
  // catches the signal (Python's KeyboardInterrupt handler, inherited, would ignore it).
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler != SIG_IGN) ::signal(sig, SIG_DFL);
  }
}

/** Children still running when the parent leaves early (an error, an exception of
 *  on_done) are killed and reaped, never left behind. */
struct Reaper {
  std::vector<Child>& running;
  ~Reaper() {
    for (const auto& c : running) {
      ::kill(c.pid, SIGKILL);
      ::close(c.fd);
      while (::waitpid(c.pid, nullptr, 0) < 0 && errno == EINTR) {
      }
    }
  }
};

}  // namespace

std::vector<TaskOutcome> run_in_processes(std::size_t n, int jobs,
                                          const std::function<std::string(std::size_t)>& task,
                                          const std::function<void(std::size_t, std::size_t)>& on_done) {
  if (jobs <= 0) jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<TaskOutcome> outcomes(n);
  std::vector<Child> running;
  const Reaper reaper{running};
  const pid_t parent = ::getpid();
  std::size_t next = 0, finished = 0;
  std::fflush(nullptr);  // a child must not flush the parent's buffered output again

  while (finished < n) {
    while (next < n && running.size() < static_cast<std::size_t>(jobs)) {
      int fds[2];
      if (::pipe(fds) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
      const pid_t pid = ::fork();
      if (pid < 0) {
        const int error = errno;
        ::close(fds[0]), ::close(fds[1]);
        throw std::runtime_error(std::string("fork: ") + std::strerror(error));
      }
      if (pid == 0) {
        die_with_parent(parent);
        ::close(fds[0]);
        // First byte: 'K' ok or 'E' error, then the payload.
        std::string out;
        try {
          out = "K" + task(next);
        } catch (const std::exception& e) {
          out = std::string("E") + e.what();
        } catch (...) {
          out = "Eunknown error";
        }
        write_all(fds[1], out.data(), out.size());
        ::close(fds[1]);
        ::_exit(0);  // skip atexit handlers and static destructors of the parent's copy
      }
      ::close(fds[1]);
      running.push_back(Child{pid, fds[0], next, {}});
      ++next;
    }

    std::vector<pollfd> polls;
    for (const auto& c : running) polls.push_back(pollfd{c.fd, POLLIN, 0});
    if (::poll(polls.data(), polls.size(), -1) < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    }
    for (std::size_t k = running.size(); k-- > 0;) {
      if (!(polls[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      Child& c = running[k];
      char buf[1 << 16];
      const ssize_t r = ::read(c.fd, buf, sizeof buf);
      if (r > 0) {
        c.received.append(buf, static_cast<std::size_t>(r));
        continue;
      }
      if (r < 0 && errno == EINTR) continue;
      // End of the child's output: collect its exit status.
      ::close(c.fd);
      int status = 0;
      while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
      }
      TaskOutcome& o = outcomes[c.task];
      if (!c.received.empty() && c.received[0] == 'K' && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        o.ok = true;
        o.bytes = c.received.substr(1);
      } else if (!c.received.empty() && c.received[0] == 'E') {
        o.bytes = c.received.substr(1);
      } else if (WIFSIGNALED(status)) {
        o.bytes = std::string("the simulation process died (signal ") + std::to_string(WTERMSIG(status)) +
                  ", " + strsignal(WTERMSIG(status)) + ")";
      } else {
        o.bytes = "the simulation process exited with status " +
                  std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + " without a result";
      }
      running.erase(running.begin() + static_cast<std::ptrdiff_t>(k));
      ++finished;
      if (on_done) on_done(finished, n);
    }
  }
  return outcomes;
}

}  // namespace maillage

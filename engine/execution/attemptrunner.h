#pragma once

#include <functional>
#include <memory>

#include <QRunnable>
#include <QSet>
#include <QString>

#include "execution/attempt.h"

namespace Orchestrator {

// Runs one attempt on a QThreadPool thread: writes the attempt header to the
// log, starts the program with QProcess in its own process group, copies its
// output to the log file with secret values masked, enforces the timeout and
// cancellation by killing the whole group (SIGTERM, grace, SIGKILL), and on
// failure writes the error report. The result goes to `done`, called on the
// pool thread; `started` (optional) learns the tool's pid as soon as it runs.
//
// The tool dies with the thread that started it (PR_SET_PDEATHSIG, SIGKILL),
// so killing the orchestrator kills its tools; what they leave behind in their
// group or outside it carries ORCHESTRATOR_ATTEMPT_TAG and is found by the
// functions in Processes below.
class AttemptRunner final : public QRunnable
{
public:
    using Done = std::function<void(const AttemptResult &)>;
    using Started = std::function<void(qint64 pid, quint64 startTicks)>;

    AttemptRunner(AttemptPlan plan, std::shared_ptr<AttemptControl> control, Done done, Started started = {});
    void run() override;

    // Grace between SIGTERM and SIGKILL for a group being stopped.
    static constexpr int kKillGraceMs = 2000;

    // Runs the attempt on the calling thread (used by run()).
    static AttemptResult execute(const AttemptPlan &plan, AttemptControl &control, const Started &started = {});

private:
    AttemptPlan m_plan;
    std::shared_ptr<AttemptControl> m_control;
    Done m_done;
    Started m_started;
};

// The processes of attempts, seen through /proc (Linux). Every tool gets the
// environment variable ORCHESTRATOR_ATTEMPT_TAG = "<owner>/<job>/<attempt>",
// which its descendants inherit: that is how a process is known to be ours,
// also after its group leader is gone or when it left the group (setsid).
// A process that clears its environment is found only through its group.
namespace Processes {

QString tagVariable();
QString tagFor(const QString &owner, const QString &jobId, int attempt);

// Start time of `pid` in clock ticks since boot (from /proc/<pid>/stat); 0 if
// it is gone or a zombie. With the pid, names one process for good.
quint64 startTicks(qint64 pid);

// Makes this process the child subreaper: orphaned descendants of our tools
// are re-parented to us instead of init, so sweepOrphans() finds them.
void becomeSubreaper();

// Whether `pid` is a live process holding `file` open (a live engine on that
// database). Unknown (another user's process) counts as live.
bool holdsFile(qint64 pid, const QString &file);
// Whether `pid` is a live process (not a zombie). For engines on a database
// server, where no file tells a live engine from a recycled pid.
bool isAlive(qint64 pid);

// Kills (SIGKILL) every live process whose tag starts with `tagPrefix`, and
// the process group `pgid` if its leader is still the process started at
// `leaderTicks`; waits up to `waitMs` for them to be gone. Returns how many
// processes were signalled. It sleeps: never call it inside a transaction.
int killTagged(const QString &tagPrefix, qint64 pgid = 0, quint64 leaderTicks = 0, int waitMs = 2000);
// One pass of killTagged: SIGKILL to what is alive now, without waiting for
// it to be gone (a tool forking at that moment may leave a child that the
// pass missed). Returns how many processes were signalled.
int signalTagged(const QString &tagPrefix, qint64 pgid = 0, quint64 leaderTicks = 0);

// Our adopted children (see becomeSubreaper()) tagged by `owner` for an
// attempt that is not in `runningTags` are killed with everything under
// them. Adopted zombies are reaped; a child QProcess started itself (same
// session, group leader or our group) is never touched. Returns how many
// processes were killed. `runningTools`: the pids of the tools of running
// attempts, children of ours that are no orphans; they and what runs under
// them are not read at all (with many slots, most of the children).
int sweepOrphans(const QString &owner, const QSet<QString> &runningTags, const QSet<qint64> &runningTools = {});

} // namespace Processes

} // namespace Orchestrator

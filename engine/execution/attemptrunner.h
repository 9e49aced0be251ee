#pragma once

#include <functional>
#include <memory>

#include <QRunnable>

#include "execution/attempt.h"

namespace Orchestrator {

// Runs one attempt on a QThreadPool thread: writes the attempt header to the
// log, starts the program with QProcess in its own process group with output
// appended to the log file, enforces the timeout and cancellation by killing
// the whole group (SIGTERM, grace, SIGKILL), and on failure writes the error
// report. The result goes to `done`, called on the pool thread.
class AttemptRunner final : public QRunnable
{
public:
    using Done = std::function<void(const AttemptResult &)>;

    AttemptRunner(AttemptPlan plan, std::shared_ptr<AttemptControl> control, Done done);
    void run() override;

    // Grace between SIGTERM and SIGKILL for a group being stopped.
    static constexpr int kKillGraceMs = 2000;

    // Runs the attempt on the calling thread (used by run()).
    static AttemptResult execute(const AttemptPlan &plan, AttemptControl &control);

private:
    AttemptPlan m_plan;
    std::shared_ptr<AttemptControl> m_control;
    Done m_done;
};

} // namespace Orchestrator

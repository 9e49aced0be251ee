#pragma once

#include <QString>

namespace Orchestrator::Ui::OutputFolder {

// Where the conversion wizard offers to write job files.
//
// Not inside the source checkout: job files there are untracked files in the
// user's repository, which `git status` shows, `git add -A` sweeps into a
// commit, and which make the checkout dirty, so that landing jobs into it is
// refused. A sibling folder "<checkout>-jobs" keeps them next to the project,
// where the user looks for them, and out of it.

// The top folder of the git work tree holding `path` (the nearest folder,
// `path` itself included, with a ".git" entry), or "" outside one.
QString checkoutOf(const QString &path);

// The folder for job files made from workstreams in `sourceDir` when none
// was used for them before: in a checkout, its sibling "<checkout>-jobs" (or
// `fallback`/<checkout> when the checkout's parent folder cannot be written,
// `fallback` being e.g. the data directory's "converted" folder); outside
// one, "jobs" beside the workstreams' folder ("project/workstreams/" gives
// "project/jobs/").
QString suggested(const QString &sourceDir, const QString &fallback);

// The folder the job files of `sourceDir`'s workstreams were last written
// to, from the settings ("" when none was), and remembering one. The
// latest few source folders are kept.
QString remembered(const QString &sourceDir);
void remember(const QString &sourceDir, const QString &outputDir);
// The output folder last used for any workstreams ("" when none was).
QString lastUsed();

} // namespace Orchestrator::Ui::OutputFolder

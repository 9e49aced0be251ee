#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

#include "core/result.h"

namespace Orchestrator {

class GitRepo;

// Everything of the user's checkout that the orchestrator promises not to
// change, read straight from the disk: HEAD and its reflog, the index file,
// every file and directory of the work tree (content, executable bit,
// symbolic link target), the user's refs (branches, tags, the stash and its
// reflog) and whether a merge, rebase or cherry-pick is under way. Taken
// before and after, two snapshots compare equal only when nothing changed.
// Refs under refs/heads/orchestrator/ and refs/orchestrator/ are the
// orchestrator's own and are left out.
struct CheckoutSnapshot
{
    QMap<QString, QByteArray> gitFiles;  // HEAD, index, logs/HEAD, refs/stash's log, MERGE_HEAD...: digest, "" when absent
    QMap<QString, QByteArray> workFiles; // work tree path -> kind and digest
    QMap<QString, QString> refs;         // the user's refs -> object id

    static Result<CheckoutSnapshot> take(const GitRepo &repo);

    // One line per difference ("index changed", "work tree: a.txt changed"); empty when equal.
    QStringList differences(const CheckoutSnapshot &after) const;
    friend bool operator==(const CheckoutSnapshot &, const CheckoutSnapshot &) = default;
};

} // namespace Orchestrator

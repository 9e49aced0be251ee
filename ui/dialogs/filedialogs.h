#pragma once

#include <QFileDialog>
#include <QString>
#include <QStringList>

class QWidget;

namespace Orchestrator::Ui::FileDialogs {

// Every file dialog of the dashboard comes from here, never from
// QFileDialog's static functions. A dialog that lists a folder must not open
// the files it shows: the usual icon provider sniffs each file's content for
// its MIME type (and a native dialog may do the same, or make thumbnails),
// and opening and closing the database, its -wal or its -shm drops all of
// SQLite's locks of this process (core/databasefiles.h): the next command
// line then deletes the WAL under the dashboard. So these dialogs are Qt's
// own widgets with an icon provider that decides by name and stat() alone.

// A dialog set up that way, for callers that need more than the functions
// below (and for tests). Deleted by the caller.
QFileDialog *create(QWidget *parent, const QString &caption, const QString &directory = QString(),
                    const QString &filter = QString());

QString openFileName(QWidget *parent, const QString &caption, const QString &directory = QString(),
                     const QString &filter = QString());
QStringList openFileNames(QWidget *parent, const QString &caption, const QString &directory = QString(),
                          const QString &filter = QString());
QString existingDirectory(QWidget *parent, const QString &caption, const QString &directory = QString());
QString saveFileName(QWidget *parent, const QString &caption, const QString &directory = QString(),
                     const QString &filter = QString(), QFileDialog::Options options = {});

} // namespace Orchestrator::Ui::FileDialogs

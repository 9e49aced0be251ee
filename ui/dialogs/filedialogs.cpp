#include "filedialogs.h"

#include <QAbstractFileIconProvider>
#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QStyle>

namespace Orchestrator::Ui::FileDialogs {

namespace {

// Icons and type names from what stat() says and the file's name: no file
// is opened (QAbstractFileIconProvider reads the content of a file whose
// name does not tell its MIME type).
class NameOnlyIconProvider final : public QAbstractFileIconProvider
{
public:
    QIcon icon(IconType type) const override
    {
        QStyle *style = QApplication::style();
        switch (type) {
        case Computer:
            return style->standardIcon(QStyle::SP_ComputerIcon);
        case Desktop:
            return style->standardIcon(QStyle::SP_DesktopIcon);
        case Trashcan:
            return style->standardIcon(QStyle::SP_TrashIcon);
        case Network:
            return style->standardIcon(QStyle::SP_DriveNetIcon);
        case Drive:
            return style->standardIcon(QStyle::SP_DriveHDIcon);
        case Folder:
            return style->standardIcon(QStyle::SP_DirIcon);
        case File:
            return style->standardIcon(QStyle::SP_FileIcon);
        }
        return style->standardIcon(QStyle::SP_FileIcon);
    }

    QIcon icon(const QFileInfo &info) const override
    {
        if (info.isRoot())
            return icon(Drive);
        QStyle *style = QApplication::style();
        if (info.isDir())
            return style->standardIcon(info.isSymLink() ? QStyle::SP_DirLinkIcon : QStyle::SP_DirIcon);
        return style->standardIcon(info.isSymLink() ? QStyle::SP_FileLinkIcon : QStyle::SP_FileIcon);
    }

    QString type(const QFileInfo &info) const override
    {
        if (info.isRoot())
            return QCoreApplication::translate("Orchestrator::Ui::FileDialogs", "Drive");
        if (info.isDir())
            return QCoreApplication::translate("Orchestrator::Ui::FileDialogs", "Folder");
        const QString suffix = info.suffix();
        if (suffix.isEmpty())
            return QCoreApplication::translate("Orchestrator::Ui::FileDialogs", "File");
        return QCoreApplication::translate("Orchestrator::Ui::FileDialogs", "%1 File").arg(suffix.toUpper());
    }
};

NameOnlyIconProvider *iconProvider()
{
    // Outlives every dialog: QFileDialog does not own its icon provider.
    static NameOnlyIconProvider provider;
    return &provider;
}

QStringList run(QFileDialog *dialog)
{
    const QStringList files = dialog->exec() == QDialog::Accepted ? dialog->selectedFiles() : QStringList();
    delete dialog;
    return files;
}

} // namespace

QFileDialog *create(QWidget *parent, const QString &caption, const QString &directory, const QString &filter)
{
    auto *dialog = new QFileDialog(parent, caption, directory, filter);
    dialog->setOption(QFileDialog::DontUseNativeDialog);
    dialog->setIconProvider(iconProvider());
    return dialog;
}

QString openFileName(QWidget *parent, const QString &caption, const QString &directory, const QString &filter)
{
    QFileDialog *dialog = create(parent, caption, directory, filter);
    dialog->setFileMode(QFileDialog::ExistingFile);
    return run(dialog).value(0);
}

QStringList openFileNames(QWidget *parent, const QString &caption, const QString &directory, const QString &filter)
{
    QFileDialog *dialog = create(parent, caption, directory, filter);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    return run(dialog);
}

QString existingDirectory(QWidget *parent, const QString &caption, const QString &directory)
{
    QFileDialog *dialog = create(parent, caption, directory);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    return run(dialog).value(0);
}

QString saveFileName(QWidget *parent, const QString &caption, const QString &directory, const QString &filter,
                     QFileDialog::Options options)
{
    QFileDialog *dialog = create(parent, caption, directory, filter);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setOptions(dialog->options() | options);
    return run(dialog).value(0);
}

} // namespace Orchestrator::Ui::FileDialogs

#include "wizard/outputpage.h"

#include <algorithm>

#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QSyntaxHighlighter>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "dialogs/filedialogs.h"
#include "models/stateicons.h"
#include "wizard/conversionsession.h"
#include "wizard/linediff.h"
#include "wizard/outputfolder.h"
#include "wizard/wizardstyle.h"

namespace Orchestrator::Ui {

namespace {

enum Column { FileColumn, ActionColumn };
constexpr int kRefreshDelayMs = 250;

// Colours the lines of a unified diff: removed red, added green, hunk
// headers blue.
class DiffHighlighter final : public QSyntaxHighlighter
{
public:
    using QSyntaxHighlighter::QSyntaxHighlighter;

protected:
    void highlightBlock(const QString &text) override
    {
        QColor color;
        if (text.startsWith(QLatin1String("+++")) || text.startsWith(QLatin1String("---")))
            color = QColor(0x6a, 0x6a, 0x6a);
        else if (text.startsWith(QLatin1Char('+')))
            color = QColor(0x1b, 0x7a, 0x1b);
        else if (text.startsWith(QLatin1Char('-')))
            color = QColor(0xb7, 0x1c, 0x1c);
        else if (text.startsWith(QLatin1String("@@")))
            color = QColor(0x1f, 0x5f, 0xa8);
        if (color.isValid())
            setFormat(0, int(text.size()), color);
    }
};

QIcon actionIconFor(Convert::OutputFile::Action action)
{
    switch (action) {
    case Convert::OutputFile::Action::Create: return stateIcon(JobState::Queued);
    case Convert::OutputFile::Action::Change: return stateIcon(JobState::RetryWaiting);
    case Convert::OutputFile::Action::Unchanged: return stateIcon(JobState::Succeeded);
    case Convert::OutputFile::Action::Conflict: return stateIcon(JobState::Failed);
    }
    return {};
}

} // namespace

OutputPage::OutputPage(ConversionSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("outputPage"));
    setTitle(tr("Output"));
    setSubTitle(tr("Where the job files are written and what that changes. Files that differ are kept unless you force overwriting them."));
    setCommitPage(false);

    m_dirEdit = new QLineEdit(this);
    m_dirEdit->setObjectName(QStringLiteral("outputDirEdit"));
    m_browseButton = new QPushButton(tr("&Browse…"), this);
    m_browseButton->setObjectName(QStringLiteral("browseButton"));
    connect(m_browseButton, &QPushButton::clicked, this, &OutputPage::browse);
    auto *dirRow = new QHBoxLayout;
    dirRow->addWidget(m_dirEdit, 1);
    dirRow->addWidget(m_browseButton);
    auto *dirLabel = new QLabel(tr("Output &folder:"), this);
    dirLabel->setBuddy(m_dirEdit);

    m_forceCheck = new QCheckBox(tr("Force &overwrite of changed files"), this);
    m_forceCheck->setObjectName(QStringLiteral("forceCheck"));

    m_fileList = new QTreeWidget(this);
    m_fileList->setObjectName(QStringLiteral("outputFiles"));
    m_fileList->setAccessibleName(tr("Files to write"));
    m_fileList->setColumnCount(2);
    m_fileList->setHeaderLabels({tr("File"), tr("Action")});
    m_fileList->setRootIsDecorated(false);
    m_fileList->setUniformRowHeights(true);
    m_fileList->header()->setStretchLastSection(true);
    m_fileList->setColumnWidth(FileColumn, fontMetrics().averageCharWidth() * 40);
    auto *filesLabel = new QLabel(tr("Fi&les:"), this);
    filesLabel->setBuddy(m_fileList);

    m_diff = new QPlainTextEdit(this);
    m_diff->setObjectName(QStringLiteral("diffView"));
    m_diff->setAccessibleName(tr("Changes to the selected file"));
    m_diff->setReadOnly(true);
    m_diff->setTabChangesFocus(true);
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_diff->setPlaceholderText(tr("Select a file that changes to see how."));
    new DiffHighlighter(m_diff->document());
    auto *diffLabel = new QLabel(tr("Chan&ges:"), this);
    diffLabel->setBuddy(m_diff);

    auto pane = [this](QLabel *label, QWidget *widget) {
        auto *box = new QWidget(this);
        auto *layout = new QVBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(label);
        layout->addWidget(widget, 1);
        return box;
    };
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(pane(filesLabel, m_fileList));
    split->addWidget(pane(diffLabel, m_diff));
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({fontMetrics().averageCharWidth() * 58, fontMetrics().averageCharWidth() * 80});

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("outputSummary"));
    m_summary->setWordWrap(true);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("outputError"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    setErrorPalette(m_error);
    m_error->hide();

    m_submitCheck = new QCheckBox(tr("&Submit as a new run now"), this);
    m_submitCheck->setObjectName(QStringLiteral("submitCheck"));
    m_submitCheck->setToolTip(tr("After writing, submit the job files to this dashboard's queue as a new run"));
    m_submitBlocked = new QLabel(this);
    m_submitBlocked->setObjectName(QStringLiteral("submitBlocked"));
    m_submitBlocked->setTextFormat(Qt::PlainText);
    m_submitBlocked->setWordWrap(true);
    setErrorPalette(m_submitBlocked);
    m_submitBlocked->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(dirLabel);
    layout->addLayout(dirRow);
    layout->addWidget(m_forceCheck);
    layout->addWidget(split, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_error);
    layout->addWidget(m_submitCheck);
    layout->addWidget(m_submitBlocked);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(kRefreshDelayMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &OutputPage::startPreview);
    connect(m_dirEdit, &QLineEdit::textChanged, this, &OutputPage::scheduleRefresh);
    connect(m_forceCheck, &QCheckBox::toggled, this, [this] {
        m_refreshTimer.stop();
        startPreview();
    });
    connect(m_submitCheck, &QCheckBox::toggled, this, [this] { showFiles(m_files); });
    connect(m_fileList, &QTreeWidget::currentItemChanged, this, &OutputPage::showDiff);
    connect(&m_watcher, &QFutureWatcher<QList<Convert::OutputFile>>::finished, this, [this] {
        if (m_restartPreview) {
            m_restartPreview = false;
            startPreview();
            return;
        }
        showFiles(m_watcher.result());
        Q_EMIT previewReady();
    });

    const QList<QWidget *> order = {m_dirEdit, m_browseButton, m_forceCheck, m_fileList, m_diff, m_submitCheck};
    for (qsizetype i = 1; i < order.size(); ++i)
        QWidget::setTabOrder(order.at(i - 1), order.at(i));
}

OutputPage::~OutputPage()
{
    // The preview reads files; it must not outlive the page it reports to.
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

QString OutputPage::actionName(Convert::OutputFile::Action action)
{
    switch (action) {
    case Convert::OutputFile::Action::Create: return tr("create");
    case Convert::OutputFile::Action::Change: return tr("change");
    case Convert::OutputFile::Action::Unchanged: return tr("unchanged");
    case Convert::OutputFile::Action::Conflict: return tr("conflict: differs, kept");
    }
    return {};
}

void OutputPage::setOutputDirectory(const QString &dir)
{
    m_dirEdit->setText(QDir::toNativeSeparators(dir));
}

QString OutputPage::outputDirectory() const
{
    return QDir::fromNativeSeparators(m_dirEdit->text().trimmed());
}

bool OutputPage::submitAfterwards() const
{
    return m_submitCheck->isChecked() && m_submitCheck->isEnabled();
}

void OutputPage::setSubmitBlocked(const QString &reason)
{
    if (!reason.isEmpty())
        m_submitCheck->setChecked(false);
    m_submitCheck->setEnabled(reason.isEmpty());
    m_submitBlocked->setText(reason);
    m_submitBlocked->setAccessibleDescription(reason);
    m_submitBlocked->setVisible(!reason.isEmpty());
}

void OutputPage::initializePage()
{
    m_error->hide();
    m_refreshTimer.stop();
    startPreview();
}

bool OutputPage::isComplete() const
{
    return !outputDirectory().isEmpty() && !m_files.isEmpty() && !isPreviewing();
}

void OutputPage::scheduleRefresh()
{
    m_refreshTimer.start();
    Q_EMIT completeChanged();
}

void OutputPage::startPreview()
{
    m_refreshTimer.stop();
    if (m_watcher.isRunning()) {
        m_restartPreview = true;
        return;
    }
    const QString dir = outputDirectory();
    if (dir.isEmpty()) {
        showFiles({});
        return;
    }
    // Reads whatever is there now, off the GUI thread.
    const Convert::Plan plan = m_session->plan();
    const bool force = m_forceCheck->isChecked();
    m_watcher.setFuture(QtConcurrent::run([plan, dir, force] { return Convert::previewOutput(plan, dir, force); }));
    m_summary->setText(tr("Looking at %1…").arg(QDir::toNativeSeparators(dir)));
    Q_EMIT completeChanged();
}

void OutputPage::showFiles(const QList<Convert::OutputFile> &files)
{
    const QString current = m_fileList->currentItem() ? m_fileList->currentItem()->data(FileColumn, Qt::UserRole).toString() : QString();
    m_files = files;
    m_fileList->clear();
    QList<QTreeWidgetItem *> items;
    int counts[4] = {0, 0, 0, 0};
    QTreeWidgetItem *select = nullptr;
    const QColor red = errorColor(palette());
    for (const Convert::OutputFile &file : files) {
        auto *item = new QTreeWidgetItem(QStringList{QFileInfo(file.path).fileName(), actionName(file.action)});
        item->setData(FileColumn, Qt::UserRole, file.path);
        item->setToolTip(FileColumn, QDir::toNativeSeparators(file.path));
        item->setIcon(ActionColumn, actionIconFor(file.action));
        if (file.action == Convert::OutputFile::Action::Conflict) {
            item->setForeground(ActionColumn, red);
            item->setToolTip(ActionColumn, file.note);
        }
        ++counts[int(file.action)];
        if (file.path == current)
            select = item;
        items.append(item);
    }
    m_fileList->addTopLevelItems(items);
    if (select)
        m_fileList->setCurrentItem(select);
    else
        showDiff();

    const int conflicts = counts[int(Convert::OutputFile::Action::Conflict)];
    QString summary = tr("%n to create", nullptr, counts[int(Convert::OutputFile::Action::Create)]) + QStringLiteral(", ")
                      + tr("%n to change", nullptr, counts[int(Convert::OutputFile::Action::Change)]) + QStringLiteral(", ")
                      + tr("%n unchanged", nullptr, counts[int(Convert::OutputFile::Action::Unchanged)]);
    if (conflicts > 0)
        summary += QStringLiteral(", ") + tr("%n differ and will be kept (tick Force overwrite to replace them)", nullptr, conflicts);
    m_summary->setText(summary);
    // Submitting would queue the old contents of kept files: not allowed.
    if (conflicts > 0 && m_submitCheck->isChecked())
        showError(tr("Some files differ from the plan and would be kept: force overwriting them, or do not submit."));
    else
        m_error->hide();
    Q_EMIT completeChanged();
}

void OutputPage::showDiff()
{
    const QTreeWidgetItem *item = m_fileList->currentItem();
    const QString path = item ? item->data(FileColumn, Qt::UserRole).toString() : QString();
    for (const Convert::OutputFile &file : std::as_const(m_files)) {
        if (file.path != path)
            continue;
        const QString name = QFileInfo(file.path).fileName();
        switch (file.action) {
        case Convert::OutputFile::Action::Create:
            m_diff->setPlainText(unifiedDiff(QString(), QString::fromUtf8(file.content), QStringLiteral("/dev/null"), name));
            return;
        case Convert::OutputFile::Action::Unchanged:
            m_diff->setPlainText(tr("%1 is already as it would be written.").arg(name));
            return;
        case Convert::OutputFile::Action::Change:
        case Convert::OutputFile::Action::Conflict:
            m_diff->setPlainText(unifiedDiff(QString::fromUtf8(file.existing), QString::fromUtf8(file.content),
                                             name + tr(" (now)"), name + tr(" (converted)")));
            return;
        }
    }
    m_diff->clear();
}

void OutputPage::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setAccessibleDescription(text);
    m_error->show();
}

bool OutputPage::validatePage()
{
    if (isPreviewing())
        return false;
    const bool conflicts = std::any_of(m_files.cbegin(), m_files.cend(), [](const Convert::OutputFile &file) {
        return file.action == Convert::OutputFile::Action::Conflict;
    });
    if (conflicts && m_submitCheck->isChecked()) {
        showError(tr("Some files differ from the plan and would be kept: force overwriting them, or do not submit."));
        return false;
    }
    if (!QDir().mkpath(outputDirectory())) {
        const QString message = tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(outputDirectory()));
        showError(message);
        return false;
    }
    const Result<Convert::WriteReport> written = Convert::writeOutput(m_files);
    if (!written) {
        showError(tr("Cannot write the job files: %1").arg(written.error().message));
        return false;
    }
    m_report = *written;
    return true;
}

void OutputPage::browse()
{
    const QString last = OutputFolder::lastUsed();
    const QString start = !outputDirectory().isEmpty() ? outputDirectory() : !last.isEmpty() ? last : QDir::currentPath();
    const QString dir = FileDialogs::existingDirectory(this, tr("Output Folder"), start);
    if (!dir.isEmpty())
        setOutputDirectory(dir);
}

} // namespace Orchestrator::Ui

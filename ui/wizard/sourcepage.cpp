#include "wizard/sourcepage.h"

#include <algorithm>
#include <functional>

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "dialogs/filedialogs.h"
#include "models/stateicons.h"
#include "wizard/conversionsession.h"
#include "wizard/problemlist.h"
#include "wizard/wizardstyle.h"

namespace Orchestrator::Ui {

namespace {

enum Column { FileColumn, StatusColumn };

// Expands the inputs one by one (one that matches nothing does not hide the
// others), then reads the files, one result each, until cancelled.
void scanSources(QPromise<SourcePage::ScanEvent> &promise, const QStringList &inputs)
{
    QStringList files;
    for (const QString &input : inputs) {
        if (promise.isCanceled())
            return;
        const Result<QStringList> expanded = Convert::expandSources({input});
        if (!expanded) {
            promise.addResult(SourcePage::ScanEvent{{}, {}, expanded.error().message});
            continue;
        }
        files += *expanded;
    }
    files.removeDuplicates();
    promise.addResult(SourcePage::ScanEvent{files, {}, {}});
    for (const QString &file : std::as_const(files)) {
        if (promise.isCanceled())
            return;
        promise.addResult(SourcePage::ScanEvent{{}, Convert::readWorkstream(file), {}});
    }
}

} // namespace

SourcePage::SourcePage(ConversionSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("sourcePage"));
    setTitle(tr("Workstream Files"));
    setSubTitle(tr("Pick the workstream files to convert, or folders holding them. Each file is read and checked as it is added."));
    setAcceptDrops(true);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("sourceList"));
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("File"), tr("Status")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setStretchLastSection(true);
    m_list->setColumnWidth(FileColumn, 260);
    m_list->setAccessibleName(tr("Source files"));

    auto *listLabel = new QLabel(tr("&Files:"), this);
    listLabel->setBuddy(m_list);

    m_addFilesButton = new QPushButton(actionIcon(QStringLiteral("open-file")), tr("Add &files…"), this);
    m_addFilesButton->setObjectName(QStringLiteral("addFilesButton"));
    m_addFolderButton = new QPushButton(tr("Add f&older…"), this);
    m_addFolderButton->setObjectName(QStringLiteral("addFolderButton"));
    m_removeButton = new QPushButton(tr("&Remove"), this);
    m_removeButton->setObjectName(QStringLiteral("removeButton"));
    m_removeButton->setToolTip(tr("Remove the selected files from the list (Del)"));
    m_removeButton->setShortcut(QKeySequence::Delete);
    m_removeButton->setEnabled(false);
    connect(m_addFilesButton, &QPushButton::clicked, this, &SourcePage::addFiles);
    connect(m_addFolderButton, &QPushButton::clicked, this, &SourcePage::addFolder);
    connect(m_removeButton, &QPushButton::clicked, this, &SourcePage::removeSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this,
            [this] { m_removeButton->setEnabled(!m_list->selectedItems().isEmpty()); });

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("sourceSummary"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("sourceProgress"));
    m_progress->setAccessibleName(tr("Reading files"));
    m_progress->setTextVisible(true);
    m_progress->setFormat(tr("%v of %m"));
    m_progress->hide();
    // Inputs that matched nothing, one per line, in a box that scrolls past a few.
    m_inputErrors = new ProblemList(QStringLiteral("inputErrors"), 4, this);

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_addFilesButton);
    buttons->addWidget(m_addFolderButton);
    buttons->addWidget(m_removeButton);
    buttons->addStretch();
    auto *row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(listLabel);
    layout->addLayout(row, 1);
    layout->addWidget(m_inputErrors);
    auto *status = new QHBoxLayout;
    status->addWidget(m_summary, 1);
    status->addWidget(m_progress);
    layout->addLayout(status);

    connect(session, &ConversionSession::sourcesInserted, this, &SourcePage::insertItems);
    connect(session, &ConversionSession::sourcesChanged, this, &SourcePage::updateItems);
    connect(session, &ConversionSession::sourceRemoved, this, [this](int row) {
        delete m_list->takeTopLevelItem(row);
        updateSummary();
    });
    updateSummary();
}

SourcePage::~SourcePage()
{
    // A scan still running must not report into a page that is gone.
    for (QObject *object : std::as_const(m_watchers)) {
        auto *watcher = static_cast<QFutureWatcher<ScanEvent> *>(object);
        watcher->disconnect(this);
        watcher->cancel();
        watcher->waitForFinished();
    }
}

bool SourcePage::isComplete() const
{
    return m_running == 0 && m_session->parsedCount() > 0;
}

void SourcePage::addSources(const QStringList &inputs)
{
    if (inputs.isEmpty())
        return;
    auto *watcher = new QFutureWatcher<ScanEvent>(this);
    m_watchers.append(watcher);
    ++m_running;
    connect(watcher, &QFutureWatcher<ScanEvent>::resultsReadyAt, this, [this, watcher](int begin, int end) {
        QList<ScanEvent> events;
        events.reserve(end - begin);
        for (int i = begin; i < end; ++i)
            events.append(watcher->resultAt(i));
        applyEvents(events);
    });
    connect(watcher, &QFutureWatcher<ScanEvent>::finished, this, [this, watcher] {
        m_watchers.removeOne(watcher);
        watcher->deleteLater();
        --m_running;
        updateSummary();
        Q_EMIT completeChanged();
        if (m_running == 0)
            Q_EMIT parsingFinished();
    });
    watcher->setFuture(QtConcurrent::run(scanSources, inputs));
    updateSummary();
    Q_EMIT completeChanged();
}

void SourcePage::applyEvents(const QList<ScanEvent> &events)
{
    QList<Convert::SourceFile> parsed;
    for (const ScanEvent &event : events) {
        if (!event.inputError.isEmpty())
            m_inputErrorTexts.append(event.inputError);
        if (!event.listed.isEmpty()) {
            // Results listed before are flushed first, so they land on their rows.
            m_session->setParsed(parsed);
            parsed.clear();
            m_session->addPending(event.listed);
        }
        if (!event.parsed.file.isEmpty())
            parsed.append(event.parsed);
    }
    m_session->setParsed(parsed);
    m_inputErrors->setProblems(m_inputErrorTexts);
    updateSummary();
    Q_EMIT completeChanged();
}

void SourcePage::insertItems(int first, int last)
{
    QList<QTreeWidgetItem *> items;
    for (int row = first; row <= last; ++row) {
        auto *item = new QTreeWidgetItem;
        updateItem(item, m_session->sources().at(row));
        items.append(item);
    }
    m_list->insertTopLevelItems(first, items);
    updateSummary();
}

void SourcePage::updateItems(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        if (QTreeWidgetItem *item = m_list->topLevelItem(row))
            updateItem(item, m_session->sources().at(row));
    }
}

void SourcePage::updateItem(QTreeWidgetItem *item, const Convert::SourceFile &source) const
{
    item->setText(FileColumn, QFileInfo(source.file).fileName());
    item->setToolTip(FileColumn, QDir::toNativeSeparators(source.file));
    item->setData(FileColumn, Qt::UserRole, source.file);
    if (source.workstream) {
        item->setIcon(StatusColumn, stateIcon(JobState::Succeeded));
        item->setText(StatusColumn, tr("parsed: workstream %1, %n task(s)", nullptr, int(source.workstream->tasks.size()))
                                         .arg(source.workstream->id));
        item->setToolTip(StatusColumn, QString());
        item->setForeground(StatusColumn, palette().brush(QPalette::Text));
    } else if (!source.error.isEmpty()) {
        item->setIcon(StatusColumn, stateIcon(JobState::Failed));
        item->setText(StatusColumn, source.error);
        item->setToolTip(StatusColumn, source.error);
        item->setForeground(StatusColumn, errorColor(palette()));
    } else {
        item->setIcon(StatusColumn, stateIcon(JobState::Waiting));
        item->setText(StatusColumn, tr("reading…"));
    }
}

void SourcePage::updateSummary()
{
    const int total = m_session->count();
    const int broken = m_session->brokenCount();
    const int parsed = m_session->parsedCount();
    QString text;
    if (total == 0 && m_running == 0)
        text = tr("No files yet. Add files or folders, or drop them here.");
    else if (m_running > 0)
        text = tr("Reading… %1 of %n file(s) done.", nullptr, total).arg(parsed + broken);
    else
        text = tr("%n file(s): ", nullptr, total) + tr("%n workstream(s) read", nullptr, parsed)
               + (broken > 0 ? tr(", %n file(s) with errors (left out)", nullptr, broken) : QString());
    m_summary->setText(text);
    // Files are listed before they are read: until then the total is unknown.
    m_progress->setVisible(m_running > 0);
    m_progress->setRange(0, total);
    m_progress->setValue(parsed + broken);
}

QString SourcePage::startDirectory() const
{
    if (m_session->count() > 0)
        return QFileInfo(m_session->sources().constLast().file).absolutePath();
    return QDir::currentPath();
}

void SourcePage::addFiles()
{
    const QStringList files = FileDialogs::openFileNames(this, tr("Add Workstream Files"), startDirectory(),
                                                            tr("Workstream files (*.json);;All files (*)"));
    addSources(files);
}

void SourcePage::addFolder()
{
    const QString dir = FileDialogs::existingDirectory(this, tr("Add Folder of Workstream Files"), startDirectory());
    if (!dir.isEmpty())
        addSources({dir});
}

void SourcePage::removeSelected()
{
    QList<int> rows;
    for (QTreeWidgetItem *item : m_list->selectedItems())
        rows.append(m_list->indexOfTopLevelItem(item));
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : std::as_const(rows))
        m_session->removeAt(row);
    Q_EMIT completeChanged();
}

void SourcePage::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void SourcePage::dropEvent(QDropEvent *event)
{
    QStringList inputs;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            inputs.append(url.toLocalFile());
    }
    addSources(inputs);
    event->acceptProposedAction();
}

} // namespace Orchestrator::Ui

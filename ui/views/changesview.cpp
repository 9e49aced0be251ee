#include "changesview.h"

#include <QAbstractTableModel>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QFontMetricsF>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPainter>
#include <QPlainTextDocumentLayout>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTextBlock>
#include <QTextDocument>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "models/changewords.h"
#include "views/accents.h"
#include "views/viewparts.h"

namespace Orchestrator::Ui {

namespace {

// Highlighting more than this many matches would cost more than it tells.
constexpr int MaxMatches = 5000;
constexpr int TabWidth = 4; // columns
// The background of a line of `accent`: a tint of the base, strong enough to
// tell apart from it in either palette, pale enough for the text on it.
QColor lineBackground(const QColor &accent, const QPalette &palette)
{
    return mix(accent, palette.color(QPalette::Base), isDark(palette) ? 0.28 : 0.16);
}

// The path after "a/" or "b/" in a diff header line, or empty for /dev/null.
QString headerPath(QByteArrayView rest)
{
    if (rest.startsWith('"') && rest.endsWith('"') && rest.size() >= 2)
        rest = rest.sliced(1, rest.size() - 2);
    if (rest.startsWith("a/") || rest.startsWith("b/"))
        return QString::fromUtf8(rest.sliced(2));
    return {};
}

// A label that gives way to its neighbours: it shrinks to a few characters
// and elides its text in the middle, keeping both ends of a branch name.
class ElidingLabel final : public QLabel
{
public:
    using QLabel::QLabel;

    QSize minimumSizeHint() const override
    {
        return QSize(fontMetrics().horizontalAdvance(QStringLiteral("orch…ab")), QLabel::minimumSizeHint().height());
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        const QRect area = contentsRect();
        painter.setPen(palette().color(foregroundRole()));
        painter.drawText(area, int(alignment()), fontMetrics().elidedText(text(), Qt::ElideMiddle, area.width()));
    }
};

} // namespace

// The files of one attempt: path (or "old → new"), insertions, deletions.
// Replaced as a whole when another attempt is shown, hence the reset.
class ChangedFilesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangedFilesModel)

public:
    enum Column { FileColumn, InsertionsColumn, DeletionsColumn, ColumnCount };
    enum Role { PathRole = Qt::UserRole + 1, OutOfScopeRole, BinaryRole };

    using QAbstractTableModel::QAbstractTableModel;

    void setFiles(const QList<ChangedFile> &files)
    {
        beginResetModel();
        m_files = files;
        endResetModel();
    }

    void setColours(const QColor &added, const QColor &removed, const QColor &none)
    {
        m_added = added;
        m_removed = removed;
        m_none = none;
        if (!m_files.isEmpty())
            Q_EMIT dataChanged(index(0, InsertionsColumn), index(int(m_files.size()) - 1, DeletionsColumn),
                               {Qt::ForegroundRole});
    }

    void setWarningIcon(const QIcon &icon) { m_warning = icon; }

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_files.size()); }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : ColumnCount; }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const ChangedFile &file = m_files.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            return display(file, index.column());
        case Qt::ToolTipRole:
            return toolTip(file);
        case Qt::AccessibleTextRole:
            return index.column() == FileColumn && file.outOfScope
                       ? tr("%1 (changed outside the job's files)").arg(display(file, FileColumn).toString())
                       : display(file, index.column());
        case Qt::DecorationRole:
            if (index.column() == FileColumn && file.outOfScope)
                return m_warning;
            return {};
        case Qt::ForegroundRole:
            if (file.binary)
                return {};
            if (index.column() == InsertionsColumn)
                return file.insertions > 0 ? m_added : m_none;
            if (index.column() == DeletionsColumn)
                return file.deletions > 0 ? m_removed : m_none;
            return {};
        case Qt::TextAlignmentRole:
            if (index.column() != FileColumn)
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        case PathRole:
            return file.path;
        case OutOfScopeRole:
            return file.outOfScope;
        case BinaryRole:
            return file.binary;
        default:
            return {};
        }
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        switch (section) {
        case FileColumn:
            return tr("File");
        case InsertionsColumn:
            return tr("Added");
        case DeletionsColumn:
            return tr("Removed");
        default:
            return {};
        }
    }

private:
    static QVariant display(const ChangedFile &file, int column)
    {
        switch (column) {
        case FileColumn:
            return file.oldPath.isEmpty() || file.oldPath == file.path
                       ? file.path
                       : tr("%1 → %2").arg(file.oldPath, file.path);
        case InsertionsColumn:
            return file.binary ? tr("binary") : QStringLiteral("+%1").arg(file.insertions);
        case DeletionsColumn:
            return file.binary ? QString() : QStringLiteral("−%1").arg(file.deletions);
        default:
            return {};
        }
    }

    static QString toolTip(const ChangedFile &file)
    {
        QStringList lines{file.path};
        if (!file.oldPath.isEmpty() && file.oldPath != file.path)
            lines.append(tr("Renamed from %1").arg(file.oldPath));
        if (file.binary)
            lines.append(tr("Binary file: no line counts"));
        if (file.outOfScope)
            lines.append(tr("changed outside the job's files"));
        return lines.join(QLatin1Char('\n'));
    }

    QList<ChangedFile> m_files;
    QColor m_added;
    QColor m_removed;
    QColor m_none;
    QIcon m_warning;
};

ChangesView::ChangesView(QWidget *parent)
    : QWidget(parent)
{
    buildUi();
    clear();
}

ChangesView::~ChangesView() = default;

void ChangesView::buildUi()
{
    m_placeholder = newPlaceholderLabel(this);

    m_model = new ChangedFilesModel(this);
    m_files = new QTreeView(this);
    m_files->setObjectName(QStringLiteral("fileList"));
    m_files->setModel(m_model);
    m_files->setRootIsDecorated(false);
    m_files->setUniformRowHeights(true);
    m_files->setAllColumnsShowFocus(true);
    m_files->setSelectionMode(QAbstractItemView::SingleSelection);
    m_files->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_files->setTextElideMode(Qt::ElideMiddle);
    m_files->header()->setStretchLastSection(false);
    m_files->header()->setSectionResizeMode(ChangedFilesModel::FileColumn, QHeaderView::Stretch);
    m_files->header()->setSectionResizeMode(ChangedFilesModel::InsertionsColumn, QHeaderView::ResizeToContents);
    m_files->header()->setSectionResizeMode(ChangedFilesModel::DeletionsColumn, QHeaderView::ResizeToContents);
    connect(m_files->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onFileActivated(current); });
    connect(m_files, &QTreeView::activated, this, &ChangesView::onFileActivated);

    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("truncationNotice"));
    m_notice->setWordWrap(true);
    m_notice->setFrameShape(QFrame::StyledPanel);
    m_notice->setContentsMargins(4, 2, 4, 2);
    m_notice->setTextFormat(Qt::RichText);
    m_notice->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_notice, &QLabel::linkActivated, this, [this] { Q_EMIT openTerminalRequested(m_worktreePath); });
    m_notice->hide();

    m_diff = new QPlainTextEdit(this);
    m_diff->setObjectName(QStringLiteral("diffText"));
    m_diff->setReadOnly(true);
    m_diff->setUndoRedoEnabled(false);
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_diff->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_diff->setAccessibleName(tr("Diff"));

    auto *diffPane = new QWidget(this);
    auto *diffLayout = new QVBoxLayout(diffPane);
    diffLayout->setContentsMargins(0, 0, 0, 0);
    diffLayout->addWidget(buildFindBar());
    m_search = std::make_unique<TextSearch>(m_diff, m_matchLabel, MaxMatches);
    diffLayout->addWidget(m_notice);
    diffLayout->addWidget(m_diff, 1);

    auto *filesPane = new QWidget(this);
    auto *filesLayout = new QVBoxLayout(filesPane);
    filesLayout->setContentsMargins(0, 0, 0, 0);
    auto *filesLabel = new QLabel(tr("Fil&es"), filesPane);
    filesLabel->setBuddy(m_files);
    filesLayout->addWidget(filesLabel);
    filesLayout->addWidget(m_files, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("splitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(filesPane);
    splitter->addWidget(diffPane);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({300, 900});

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(buildHeader());
    contentLayout->addWidget(splitter, 1);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(content);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    setTabOrder(m_attemptBox, m_land);
    setTabOrder(m_land, m_discard);
    setTabOrder(m_discard, m_openWorktree);
    setTabOrder(m_openWorktree, m_openTerminal);
    setTabOrder(m_openTerminal, m_files);
    setTabOrder(m_files, m_searchEdit);
    setTabOrder(m_searchEdit, m_diff);

    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_searchEdit->setFocus(Qt::ShortcutFocusReason);
        m_searchEdit->selectAll();
    });
    auto *next = new QShortcut(QKeySequence(Qt::Key_F3), this);
    next->setContext(Qt::WidgetWithChildrenShortcut);
    connect(next, &QShortcut::activated, this, &ChangesView::findNext);
    auto *previous = new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3), this);
    previous->setContext(Qt::WidgetWithChildrenShortcut);
    connect(previous, &QShortcut::activated, this, &ChangesView::findPrevious);
    for (const Qt::Key key : {Qt::Key_Return, Qt::Key_Enter}) {
        auto *back = new QShortcut(QKeySequence(Qt::SHIFT | key), m_searchEdit);
        back->setContext(Qt::WidgetShortcut);
        connect(back, &QShortcut::activated, this, &ChangesView::findPrevious);
    }
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), m_searchEdit);
    escape->setContext(Qt::WidgetShortcut);
    connect(escape, &QShortcut::activated, m_searchEdit, &QLineEdit::clear);

    updatePaletteDependents();
}

QWidget *ChangesView::buildHeader()
{
    auto *header = new QWidget(this);

    // The branch label gives way in a narrow window, never "Attempt 2 of 3".
    m_attemptBox = newAttemptSelector(tr("Show the changes of another attempt"), header);
    connect(m_attemptBox, &QComboBox::activated, this, [this](int index) {
        showAttempt(index);
        if (m_current >= 0)
            Q_EMIT attemptSelected(m_jobId, m_attempts.at(m_current).attempt);
    });
    auto *attemptLabel = new QLabel(tr("&Attempt:"), header);
    attemptLabel->setBuddy(m_attemptBox);

    m_branchLabel = new ElidingLabel(header);
    m_branchLabel->setObjectName(QStringLiteral("branchLabel"));
    QFont bold = m_branchLabel->font();
    bold.setBold(true);
    m_branchLabel->setFont(bold);
    m_branchLabel->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_commitsLabel = new QLabel(header);
    m_commitsLabel->setObjectName(QStringLiteral("commitsLabel"));
    m_commitsLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_commitsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summaryLabel = new QLabel(header);
    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    m_summaryLabel->setTextFormat(Qt::RichText);
    m_landedBadge = new QLabel(tr("Landed"), header);
    m_landedBadge->setObjectName(QStringLiteral("landedBadge"));
    m_landedBadge->setFont(bold);
    m_landedBadge->setAutoFillBackground(true);
    m_landedBadge->setFrameShape(QFrame::Box);
    m_landedBadge->setContentsMargins(6, 0, 6, 0);
    m_landedBadge->hide();

    m_land = new QPushButton(tr("La&nd"), header);
    m_land->setObjectName(QStringLiteral("landButton"));
    connect(m_land, &QPushButton::clicked, this, [this] { Q_EMIT landRequested(m_jobId); });
    m_discard = new QPushButton(tr("D&iscard"), header);
    m_discard->setObjectName(QStringLiteral("discardButton"));
    connect(m_discard, &QPushButton::clicked, this, [this] { Q_EMIT discardRequested(m_jobId); });
    m_openWorktree = new QPushButton(tr("&Open worktree"), header);
    m_openWorktree->setObjectName(QStringLiteral("openWorktreeButton"));
    connect(m_openWorktree, &QPushButton::clicked, this, [this] { Q_EMIT openWorktreeRequested(m_worktreePath); });
    m_openTerminal = new QPushButton(tr("Open &terminal"), header);
    m_openTerminal->setObjectName(QStringLiteral("openTerminalButton"));
    connect(m_openTerminal, &QPushButton::clicked, this, [this] { Q_EMIT openTerminalRequested(m_worktreePath); });
    for (QPushButton *button : {m_land, m_discard, m_openWorktree, m_openTerminal})
        button->setAutoDefault(false);

    // Long branch names give way to the buttons; the tooltip keeps the name.
    m_branchLabel->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);

    auto *layout = new QHBoxLayout(header);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(attemptLabel);
    layout->addWidget(m_attemptBox);
    layout->addSpacing(8);
    layout->addWidget(m_branchLabel);
    layout->addWidget(m_commitsLabel);
    layout->addSpacing(8);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(m_landedBadge);
    layout->addStretch(1);
    layout->addSpacing(12);
    layout->addWidget(m_land);
    layout->addWidget(m_discard);
    layout->addWidget(m_openWorktree);
    layout->addWidget(m_openTerminal);
    return header;
}

QWidget *ChangesView::buildFindBar()
{
    auto *bar = new QWidget(this);
    m_searchEdit = new QLineEdit(bar);
    m_searchEdit->setObjectName(QStringLiteral("searchEdit"));
    m_searchEdit->setPlaceholderText(tr("Search the diff (Ctrl+F)"));
    m_searchEdit->setClearButtonEnabled(true);
    connect(m_searchEdit, &QLineEdit::textChanged, this, &ChangesView::updateMatches);
    connect(m_searchEdit, &QLineEdit::returnPressed, this, &ChangesView::findNext);

    auto *previousButton = new QToolButton(bar);
    previousButton->setText(tr("Previous"));
    previousButton->setToolTip(tr("Previous match (Shift+Enter, Shift+F3)"));
    connect(previousButton, &QToolButton::clicked, this, &ChangesView::findPrevious);
    auto *nextButton = new QToolButton(bar);
    nextButton->setText(tr("Next"));
    nextButton->setToolTip(tr("Next match (Enter, F3)"));
    connect(nextButton, &QToolButton::clicked, this, &ChangesView::findNext);
    m_matchLabel = new QLabel(bar);
    m_matchLabel->setObjectName(QStringLiteral("matchLabel"));

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_searchEdit, 1);
    layout->addWidget(previousButton);
    layout->addWidget(nextButton);
    layout->addWidget(m_matchLabel);
    return bar;
}

void ChangesView::setJob(const QString &jobId, const QString &worktreePath, const QString &branch,
                         const QList<AttemptChanges> &attempts, int selectedAttempt)
{
    if (jobId != m_jobId)
        setActionsEnabled(false, false, tr("Waiting for the job's state"), tr("Waiting for the job's state"));
    m_jobId = jobId;
    m_worktreePath = worktreePath;
    m_branch = branch;
    m_attempts = attempts;

    const QString noWorktree = tr("This job has no worktree");
    m_openWorktree->setEnabled(!worktreePath.isEmpty());
    m_openWorktree->setToolTip(worktreePath.isEmpty() ? noWorktree : tr("Open %1 in the file manager").arg(worktreePath));
    m_openTerminal->setEnabled(!worktreePath.isEmpty());
    m_openTerminal->setToolTip(worktreePath.isEmpty() ? noWorktree : tr("Open a terminal in %1").arg(worktreePath));

    m_attemptBox->clear();
    int index = int(m_attempts.size()) - 1;
    for (int i = 0; i < m_attempts.size(); ++i) {
        m_attemptBox->addItem(tr("Attempt %1 of %2").arg(m_attempts.at(i).attempt).arg(m_attempts.size()),
                              m_attempts.at(i).attempt);
        if (m_attempts.at(i).attempt == selectedAttempt)
            index = i;
    }
    m_attemptBox->setEnabled(m_attempts.size() > 1);
    m_stack->setCurrentIndex(1);
    showAttempt(index);
}

void ChangesView::updateAttempt(const AttemptChanges &changes)
{
    for (int i = 0; i < m_attempts.size(); ++i) {
        if (m_attempts.at(i).attempt != changes.attempt)
            continue;
        m_attempts[i] = changes;
        if (i == m_current)
            showAttempt(i);
        return;
    }
}

void ChangesView::clear()
{
    m_jobId.clear();
    m_worktreePath.clear();
    m_branch.clear();
    m_attempts.clear();
    m_attemptBox->clear();
    showAttempt(-1);
    setActionsEnabled(false, false, tr("No job selected"), tr("No job selected"));
    setPlaceholder(tr("Select a job to see what it changed."));
}

void ChangesView::setPlaceholder(const QString &text)
{
    m_placeholder->setText(text);
    m_stack->setCurrentIndex(0);
}

QString ChangesView::placeholder() const
{
    return m_stack->currentIndex() == 0 ? m_placeholder->text() : QString();
}

void ChangesView::setActionsEnabled(bool canLand, bool canDiscard, const QString &whyNotLand,
                                    const QString &whyNotDiscard)
{
    m_land->setEnabled(canLand);
    m_land->setToolTip(canLand ? tr("Merge the job's change into your checkout")
                               : (whyNotLand.isEmpty() ? tr("Cannot land now") : whyNotLand));
    m_discard->setEnabled(canDiscard);
    m_discard->setToolTip(canDiscard ? tr("Throw the job's change away and remove its worktree")
                                     : (whyNotDiscard.isEmpty() ? tr("Cannot discard now") : whyNotDiscard));
}

QString ChangesView::summaryFormat(int files)
{
    return ChangeWords::summaryFormat(files);
}

QString ChangesView::summary(const AttemptChanges &changes)
{
    int insertions = 0;
    int deletions = 0;
    for (const ChangedFile &file : changes.files) {
        insertions += file.insertions;
        deletions += file.deletions;
    }
    return ChangeWords::summary(insertions, deletions, int(changes.files.size()));
}

int ChangesView::selectedAttempt() const
{
    return m_current >= 0 ? m_attempts.at(m_current).attempt : 0;
}

QString ChangesView::headerText() const
{
    QStringList parts;
    for (const QLabel *label : {m_branchLabel, m_commitsLabel}) {
        if (!label->text().isEmpty())
            parts.append(label->text());
    }
    if (m_current >= 0)
        parts.append(summary(m_attempts.at(m_current)));
    if (!m_landedBadge->isHidden())
        parts.append(m_landedBadge->text());
    return parts.join(QStringLiteral(" · "));
}

void ChangesView::showAttempt(int index)
{
    m_current = index >= 0 && index < m_attempts.size() ? index : -1;
    if (m_current >= 0)
        m_attemptBox->setCurrentIndex(m_current);
    m_model->setFiles(m_current >= 0 ? m_attempts.at(m_current).files : QList<ChangedFile>());
    updateHeader();
    renderDiff();
}

void ChangesView::updateHeader()
{
    if (m_current < 0) {
        m_branchLabel->clear();
        m_commitsLabel->clear();
        m_summaryLabel->clear();
        m_landedBadge->hide();
        return;
    }
    const AttemptChanges &changes = m_attempts.at(m_current);
    m_branchLabel->setText(m_branch);
    m_branchLabel->setToolTip(tr("Branch %1").arg(m_branch));
    const QString base = changes.baseCommit.isEmpty() ? tr("(none)") : ChangeWords::shortCommit(changes.baseCommit);
    const QString result = changes.resultCommit.isEmpty() ? tr("(uncommitted)") : ChangeWords::shortCommit(changes.resultCommit);
    m_commitsLabel->setText(tr("%1 → %2").arg(base, result));
    m_commitsLabel->setToolTip(tr("Base %1\nResult %2").arg(changes.baseCommit, changes.resultCommit));

    // The counts in their colours; the words from the same translation.
    int insertions = 0;
    int deletions = 0;
    for (const ChangedFile &file : changes.files) {
        insertions += file.insertions;
        deletions += file.deletions;
    }
    const Accents colours = accents(palette());
    const QColor text = palette().color(QPalette::Text);
    const QColor window = palette().color(QPalette::Window);
    const QString added = QStringLiteral("<span style=\"color:%1\">+%2</span>")
                              .arg(readable(colours.added, text, window).name())
                              .arg(insertions);
    const QString removed = QStringLiteral("<span style=\"color:%1\">−%2</span>")
                                .arg(readable(colours.removed, text, window).name())
                                .arg(deletions);
    QString rich = summaryFormat(int(changes.files.size()));
    rich = rich.toHtmlEscaped();
    rich.replace(QStringLiteral("+%1"), QStringLiteral("%1")).replace(QStringLiteral("−%2"), QStringLiteral("%2"));
    m_summaryLabel->setText(ChangeWords::fill(rich, added, removed, int(changes.files.size())));

    m_landedBadge->setVisible(changes.landed);
    m_landedBadge->setToolTip(changes.landedCommit.isEmpty() ? tr("This attempt's change has landed")
                                                             : tr("Landed as %1").arg(changes.landedCommit));
}

void ChangesView::renderDiff()
{
    m_search->clear();
    m_sections.clear();
    m_truncated = false;

    const QByteArray diff = m_current >= 0 ? m_attempts.at(m_current).diff : QByteArray();
    const qsizetype totalLines = diff.count('\n') + (!diff.isEmpty() && !diff.endsWith('\n') ? 1 : 0);

    auto *document = new QTextDocument(m_diff);
    document->setDocumentLayout(new QPlainTextDocumentLayout(document));
    document->setUndoRedoEnabled(false);
    document->setDefaultFont(m_diff->font());
    // Tab stops belong to the document: each new one gets them again.
    QTextOption option = document->defaultTextOption();
    option.setTabStopDistance(TabWidth * QFontMetricsF(m_diff->font()).horizontalAdvance(QLatin1Char(' ')));
    document->setDefaultTextOption(option);

    QTextCharFormat charFormats[5];
    QTextBlockFormat blockFormats[5];
    for (int kind = 0; kind < 5; ++kind) {
        charFormats[kind] = lineFormat(LineKind(kind));
        if (charFormats[kind].hasProperty(QTextFormat::BackgroundBrush))
            blockFormats[kind].setBackground(charFormats[kind].background());
    }

    // One edit block: the document is laid out once, when it ends, and the
    // plain-text layout lays out only what is shown.
    QTextCursor cursor(document);
    cursor.beginEditBlock();
    const qsizetype limit = qMin(diff.size(), MaxDiffBytes);
    qsizetype from = 0;
    int lines = 0;
    bool inHeader = false;
    int sectionBlock = -1;
    while (from < diff.size() && lines < MaxDiffLines) {
        qsizetype end = diff.indexOf('\n', from);
        if (end < 0)
            end = diff.size();
        if (end > limit && lines > 0)
            break; // only whole lines within the byte limit
        QByteArrayView line(diff.constData() + from, qMin(end, from + limit) - from);
        if (line.endsWith('\r'))
            line.chop(1);

        LineKind kind = LineKind::Context;
        if (line.startsWith("diff --git ")) {
            kind = LineKind::FileHeader;
            inHeader = true;
            sectionBlock = lines;
            // "a/P b/P": without a rename both halves name the same path.
            const QByteArrayView rest = line.sliced(11);
            const qsizetype half = rest.size() / 2;
            if (rest.size() % 2 == 1 && rest.at(half) == ' ' && half > 2
                && rest.first(half).sliced(2) == rest.sliced(half + 1).sliced(2))
                m_sections.insert(headerPath(rest.sliced(half + 1)), sectionBlock);
        } else if (line.startsWith("@@")) {
            kind = LineKind::Hunk;
            inHeader = false;
        } else if (inHeader) {
            kind = LineKind::FileHeader;
            QString path;
            if (line.startsWith("+++ ") || line.startsWith("--- "))
                path = headerPath(line.sliced(4));
            else if (line.startsWith("rename to "))
                path = QString::fromUtf8(line.sliced(10));
            else if (line.startsWith("rename from "))
                path = QString::fromUtf8(line.sliced(12));
            if (!path.isEmpty() && sectionBlock >= 0)
                m_sections.insert(path, sectionBlock);
        } else if (line.startsWith('+')) {
            kind = LineKind::Added;
        } else if (line.startsWith('-')) {
            kind = LineKind::Removed;
        }

        QString text = QString::fromUtf8(line);
        if (text.size() > MaxLineLength) {
            text.truncate(MaxLineLength);
            text += QStringLiteral(" …");
            m_truncated = true;
        }
        if (lines == 0) {
            cursor.setBlockFormat(blockFormats[int(kind)]);
            cursor.setBlockCharFormat(charFormats[int(kind)]);
        } else {
            cursor.insertBlock(blockFormats[int(kind)], charFormats[int(kind)]);
        }
        cursor.insertText(text, charFormats[int(kind)]);
        ++lines;
        from = end + 1;
    }
    cursor.endEditBlock();
    const bool cut = from < diff.size();
    m_truncated = m_truncated || cut;

    // The editor's first document belongs to it and goes with setDocument;
    // the ones made here are deleted here.
    QTextDocument *old = m_diff->document();
    const bool ours = old && old->parent() == m_diff;
    m_diff->setDocument(document);
    if (ours)
        delete old;

    const AttemptChanges *changes = m_current >= 0 ? &m_attempts.at(m_current) : nullptr;
    m_diff->setPlaceholderText(!changes                   ? QString()
                               : changes->files.isEmpty() ? tr("This attempt changed no files.")
                                                          : tr("No diff available for this attempt."));
    if (cut) {
        m_notice->setText(tr("Diff truncated: showing the first %1 of %2 lines. "
                             "<a href=\"terminal\">Open in terminal</a> to see all of it.")
                              .arg(QLocale().toString(lines), QLocale().toString(totalLines)));
        m_notice->show();
    } else if (m_truncated) {
        m_notice->setText(tr("Lines longer than %1 characters are cut. "
                             "<a href=\"terminal\">Open in terminal</a> to see all of them.")
                              .arg(QLocale().toString(MaxLineLength)));
        m_notice->show();
    } else {
        m_notice->hide();
    }
    updateMatches();
}

QString ChangesView::truncationNotice() const
{
    if (m_notice->isHidden())
        return {};
    QTextDocument html;
    html.setHtml(m_notice->text());
    return html.toPlainText();
}

QTextCharFormat ChangesView::lineFormat(LineKind kind) const
{
    const QPalette palette = this->palette();
    const QColor text = palette.color(QPalette::Text);
    const Accents colours = accents(palette);
    QTextCharFormat format;
    switch (kind) {
    case LineKind::Context:
        break;
    case LineKind::Added:
    case LineKind::Removed: {
        const QColor background = lineBackground(kind == LineKind::Added ? colours.added : colours.removed, palette);
        format.setBackground(background);
        format.setForeground(readable(text, text, background));
        break;
    }
    case LineKind::Hunk: {
        const QColor background = mix(colours.hunk, palette.color(QPalette::Base), 0.10);
        format.setBackground(background);
        format.setForeground(readable(colours.hunk, text, background));
        break;
    }
    case LineKind::FileHeader:
        format.setFontWeight(QFont::Bold);
        format.setBackground(mix(text, palette.color(QPalette::Base), 0.08));
        format.setForeground(text);
        break;
    }
    return format;
}

bool ChangesView::showFile(const QString &path)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (index.data(ChangedFilesModel::PathRole).toString() == path) {
            if (m_files->currentIndex().row() != row)
                m_files->setCurrentIndex(index); // scrolls through onFileActivated
            break;
        }
    }
    const auto found = m_sections.constFind(path);
    if (found == m_sections.constEnd())
        return false;
    const QTextBlock block = m_diff->document()->findBlockByNumber(*found);
    // Without line wrapping the bar counts blocks: the header goes to the top.
    m_diff->verticalScrollBar()->setValue(block.blockNumber());
    QTextCursor cursor(block);
    m_diff->setTextCursor(cursor);
    m_diff->verticalScrollBar()->setValue(block.blockNumber());
    return true;
}

void ChangesView::onFileActivated(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QString path = index.siblingAtColumn(0).data(ChangedFilesModel::PathRole).toString();
    const auto found = m_sections.constFind(path);
    if (found == m_sections.constEnd())
        return;
    const QTextBlock block = m_diff->document()->findBlockByNumber(*found);
    m_diff->setTextCursor(QTextCursor(block));
    m_diff->verticalScrollBar()->setValue(block.blockNumber());
}

void ChangesView::setSearchText(const QString &text)
{
    m_searchEdit->setText(text);
}

QString ChangesView::searchText() const
{
    return m_searchEdit->text();
}

void ChangesView::updateMatches()
{
    m_search->update(m_searchEdit->text(), true);
}

void ChangesView::findNext()
{
    m_search->next();
}

void ChangesView::findPrevious()
{
    m_search->previous();
}

QAbstractItemModel *ChangesView::fileModel() const
{
    return m_model;
}

void ChangesView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_diff)
        updatePaletteDependents();
}

void ChangesView::updatePaletteDependents()
{
    // The diff's formats, the counts' colours and the badge follow the
    // palette, so a switch to a dark theme keeps every line readable.
    const QPalette palette = this->palette();
    const Accents colours = accents(palette);
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    m_model->setColours(readable(colours.added, text, base), readable(colours.removed, text, base),
                        palette.color(QPalette::Disabled, QPalette::Text));
    m_model->setWarningIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this));

    QPalette badge = m_landedBadge->palette();
    const QColor badgeBackground = lineBackground(colours.added, palette);
    badge.setColor(QPalette::Window, badgeBackground);
    badge.setColor(QPalette::WindowText, readable(colours.added, text, badgeBackground));
    m_landedBadge->setPalette(badge);

    if (m_current >= 0) {
        updateHeader();
        const int value = m_diff->verticalScrollBar()->value();
        renderDiff();
        m_diff->verticalScrollBar()->setValue(value);
    }
}

} // namespace Orchestrator::Ui

#include "changesview.moc"

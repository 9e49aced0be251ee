// The Changes view with the data the engine will give it: the file list
// (counts, renames, binary and out-of-scope files), the attempt selector,
// the coloured diff and its search, truncation of a huge diff, the actions
// and their signals, a dark palette and the placeholder.

#include <cmath>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFontMetricsF>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStyleFactory>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTreeView>

#include "views/accents.h"
#include "views/changesview.h"
#include "widgetsupport.h"

using namespace Orchestrator::Ui;
using WidgetSupport::child;

namespace {

QByteArray fileDiff(const QByteArray &path, int lines, const QByteArray &tag)
{
    QByteArray diff = "diff --git a/" + path + " b/" + path + "\nindex 1111111..2222222 100644\n--- a/" + path
                      + "\n+++ b/" + path + "\n@@ -1," + QByteArray::number(lines) + " +1," + QByteArray::number(lines + 1)
                      + " @@ context\n";
    for (int i = 0; i < lines; ++i)
        diff += " unchanged " + tag + ' ' + QByteArray::number(i) + '\n';
    diff += "-removed " + tag + "\n+added " + tag + "\n+another " + tag + '\n';
    return diff;
}

QByteArray renameDiff()
{
    return "diff --git a/old/name.txt b/new/name.txt\nsimilarity index 90%\nrename from old/name.txt\n"
           "rename to new/name.txt\n--- a/old/name.txt\n+++ b/new/name.txt\n@@ -1 +1 @@\n-x\n+y\n"
           "diff --git a/logo.png b/logo.png\nindex 3333333..4444444 100644\nBinary files a/logo.png and b/logo.png differ\n";
}

AttemptChanges firstAttempt()
{
    AttemptChanges changes;
    changes.attempt = 1;
    changes.baseCommit = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
    changes.resultCommit = QStringLiteral("fedcba9876543210fedcba9876543210fedcba98");
    changes.files = {ChangedFile{QStringLiteral("src/main.cpp"), {}, 2, 1, false, false}};
    changes.diff = fileDiff("src/main.cpp", 3, "first");
    return changes;
}

AttemptChanges secondAttempt()
{
    AttemptChanges changes;
    changes.attempt = 2;
    changes.baseCommit = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
    changes.resultCommit = QStringLiteral("abcdef0123456789abcdef0123456789abcdef01");
    changes.files = {
        ChangedFile{QStringLiteral("src/main.cpp"), {}, 2, 1, false, false},
        ChangedFile{QStringLiteral("src/util.cpp"), {}, 2, 1, false, false},
        ChangedFile{QStringLiteral("new/name.txt"), QStringLiteral("old/name.txt"), 1, 1, false, false},
        ChangedFile{QStringLiteral("logo.png"), {}, 0, 0, true, false},
        ChangedFile{QStringLiteral("README.md"), {}, 2, 1, false, true},
    };
    // Long sections, so that a later one starts far below the view's top.
    changes.diff = fileDiff("src/main.cpp", 200, "second") + fileDiff("src/util.cpp", 200, "util") + renameDiff()
                   + fileDiff("README.md", 200, "readme");
    changes.landed = true;
    changes.landedCommit = QStringLiteral("9999999999999999999999999999999999999999");
    return changes;
}

QTextBlock blockStartingWith(const ChangesView &view, const QString &text)
{
    for (QTextBlock block = view.diffView()->document()->begin(); block.isValid(); block = block.next()) {
        if (block.text().startsWith(text))
            return block;
    }
    return {};
}

QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x2d, 0x2d, 0x2d));
    palette.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    palette.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    palette.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    palette.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
    palette.setColor(QPalette::Highlight, QColor(0x3d, 0x6d, 0xb5));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    for (const QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
    return palette;
}

QString cell(const QAbstractItemModel *model, int row, int column, int role = Qt::DisplayRole)
{
    return model->index(row, column).data(role).toString();
}

} // namespace

class TestChangesView final : public QObject
{
    Q_OBJECT

private:
    static void showJob(ChangesView &view, int selected = 2)
    {
        view.setJob(QStringLiteral("job-a"), QStringLiteral("/tmp/wt/job-a"), QStringLiteral("orchestrator/job-a"),
                    {firstAttempt(), secondAttempt()}, selected);
        view.resize(1000, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
    }

private Q_SLOTS:
    void listsFilesWithCounts();
    void showsHeader();
    void switchesAttempts();
    void coloursDiffLines();
    void selectingAFileScrollsToIt();
    void searchesTheDiff();
    void searchKeys();
    void truncatesHugeDiffs();
    void cutsLongLines();
    void actionsFollowState();
    void signalsCarryJobAndPath();
    void withoutWorktreeOpenIsDisabled();
    void darkPaletteStaysReadable();
    void showsPlaceholders();
    void everyControlIsReachable();
    void screenshots();
};

void TestChangesView::listsFilesWithCounts()
{
    ChangesView view;
    QAbstractItemModelTester tester(view.fileModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    showJob(view);
    const QAbstractItemModel *model = view.fileModel();
    QCOMPARE(model->rowCount(), 5);
    QCOMPARE(cell(model, 0, 0), QStringLiteral("src/main.cpp"));
    QCOMPARE(cell(model, 0, 1), QStringLiteral("+2"));
    QCOMPARE(cell(model, 0, 2), QStringLiteral("−1"));
    // Counts in green and red, told apart from each other.
    const QColor added = model->index(0, 1).data(Qt::ForegroundRole).value<QColor>();
    const QColor removed = model->index(0, 2).data(Qt::ForegroundRole).value<QColor>();
    QVERIFY(added.isValid() && removed.isValid());
    QVERIFY(added.green() > added.red());
    QVERIFY(removed.red() > removed.green());

    // A rename shows both names; a binary file says so instead of counts.
    QCOMPARE(cell(model, 2, 0), QStringLiteral("old/name.txt → new/name.txt"));
    QVERIFY(cell(model, 2, 0, Qt::ToolTipRole).contains(QStringLiteral("old/name.txt")));
    QCOMPARE(cell(model, 3, 1), QStringLiteral("binary"));
    QCOMPARE(cell(model, 3, 2), QString());

    // Out of scope: a warning icon and a tooltip, not colour alone.
    QVERIFY(!model->index(4, 0).data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(cell(model, 4, 0, Qt::ToolTipRole).contains(QStringLiteral("changed outside the job's files")));
    QVERIFY(model->index(0, 0).data(Qt::DecorationRole).isNull());
    QCOMPARE(cell(model, 0, 0, Qt::ToolTipRole), QStringLiteral("src/main.cpp"));
}

void TestChangesView::showsHeader()
{
    ChangesView view;
    showJob(view);
    const QString header = view.headerText();
    QVERIFY2(header.contains(QStringLiteral("orchestrator/job-a")), qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("0123456 → abcdef0")), qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("+7 −4 in 5 files")), qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("Landed")), qPrintable(header));
    QVERIFY(child<QLabel>(view, "landedBadge")->isVisible());
    QVERIFY(child<QLabel>(view, "landedBadge")->toolTip().contains(QStringLiteral("9999999")));
    QCOMPARE(ChangesView::summary(firstAttempt()), QStringLiteral("+2 −1 in 1 file"));
}

void TestChangesView::switchesAttempts()
{
    ChangesView view;
    showJob(view);
    auto *combo = child<QComboBox>(view, "attemptSelector");
    QCOMPARE(combo->count(), 2);
    QCOMPARE(combo->itemText(0), QStringLiteral("Attempt 1 of 2"));
    QCOMPARE(combo->currentText(), QStringLiteral("Attempt 2 of 2"));
    QCOMPARE(view.selectedAttempt(), 2);

    QSignalSpy selected(&view, &ChangesView::attemptSelected);
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Up);
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.at(0).at(0).toString(), QStringLiteral("job-a"));
    QCOMPARE(selected.at(0).at(1).toInt(), 1);
    QCOMPARE(view.selectedAttempt(), 1);
    QCOMPARE(view.fileModel()->rowCount(), 1);
    QVERIFY(view.diffView()->toPlainText().contains(QStringLiteral("added first")));
    QVERIFY(!view.diffView()->toPlainText().contains(QStringLiteral("added second")));
    QVERIFY(!child<QLabel>(view, "landedBadge")->isVisible());
    QVERIFY(view.headerText().contains(QStringLiteral("fedcba9")));

    // A diff that arrives later replaces the one shown.
    AttemptChanges later = firstAttempt();
    later.diff = fileDiff("src/main.cpp", 1, "reloaded");
    view.updateAttempt(later);
    QVERIFY(view.diffView()->toPlainText().contains(QStringLiteral("added reloaded")));
}

void TestChangesView::coloursDiffLines()
{
    ChangesView view;
    showJob(view);
    const QTextBlock added = blockStartingWith(view, QStringLiteral("+added second"));
    const QTextBlock removed = blockStartingWith(view, QStringLiteral("-removed second"));
    const QTextBlock context = blockStartingWith(view, QStringLiteral(" unchanged second 0"));
    const QTextBlock hunk = blockStartingWith(view, QStringLiteral("@@ -1,200"));
    const QTextBlock file = blockStartingWith(view, QStringLiteral("diff --git a/src/util.cpp"));
    QVERIFY(added.isValid() && removed.isValid() && context.isValid() && hunk.isValid() && file.isValid());

    const QTextCharFormat addedFormat = added.begin().fragment().charFormat();
    const QTextCharFormat removedFormat = removed.begin().fragment().charFormat();
    const QColor addedBackground = addedFormat.background().color();
    const QColor removedBackground = removedFormat.background().color();
    QVERIFY(addedFormat.hasProperty(QTextFormat::BackgroundBrush));
    QVERIFY(removedFormat.hasProperty(QTextFormat::BackgroundBrush));
    QVERIFY(addedBackground.green() > addedBackground.red());
    QVERIFY(removedBackground.red() > removedBackground.green());
    // The whole line is tinted, not only its characters.
    QCOMPARE(added.blockFormat().background().color(), addedBackground);
    QVERIFY(!context.begin().fragment().charFormat().hasProperty(QTextFormat::BackgroundBrush));
    QVERIFY(hunk.begin().fragment().charFormat().background().color() != addedBackground);
    QCOMPARE(file.begin().fragment().charFormat().fontWeight(), int(QFont::Bold));
    QCOMPARE(view.lineFormat(ChangesView::LineKind::Added).background().color(), addedBackground);
    // Tabs are four columns wide in every attempt's document.
    const qreal space = QFontMetricsF(view.diffView()->font()).horizontalAdvance(QLatin1Char(' '));
    QCOMPARE(view.diffView()->tabStopDistance(), 4 * space);
}

void TestChangesView::selectingAFileScrollsToIt()
{
    ChangesView view;
    showJob(view);
    QTreeView *files = view.fileView();
    QPlainTextEdit *diff = view.diffView();
    const QString topLine = diff->cursorForPosition(QPoint(0, 0)).block().text();
    QVERIFY(topLine.startsWith(QStringLiteral("diff --git a/src/main.cpp")));

    files->setCurrentIndex(view.fileModel()->index(4, 0));
    QTRY_COMPARE(diff->cursorForPosition(QPoint(1, 1)).block().text(), QStringLiteral("diff --git a/README.md b/README.md"));
    // A rename is found by its new name.
    files->setCurrentIndex(view.fileModel()->index(2, 0));
    QTRY_COMPARE(diff->cursorForPosition(QPoint(1, 1)).block().text(),
                 QStringLiteral("diff --git a/old/name.txt b/new/name.txt"));
    QVERIFY(view.showFile(QStringLiteral("src/util.cpp")));
    QTRY_COMPARE(diff->cursorForPosition(QPoint(1, 1)).block().text(),
                 QStringLiteral("diff --git a/src/util.cpp b/src/util.cpp"));
    QCOMPARE(files->currentIndex().row(), 1);
    QVERIFY(view.showFile(QStringLiteral("logo.png")));
    QVERIFY(!view.showFile(QStringLiteral("not/in/the/diff")));
}

void TestChangesView::searchesTheDiff()
{
    ChangesView view;
    showJob(view);
    auto *label = child<QLabel>(view, "matchLabel");
    view.setSearchText(QStringLiteral("ADDED"));
    QCOMPARE(view.matchCount(), 3); // case-insensitive: one "+added" per text file
    QCOMPARE(view.currentMatch(), 0);
    QCOMPARE(label->text(), QStringLiteral("1 of 3"));
    QCOMPARE(view.diffView()->textCursor().selectedText(), QStringLiteral("added"));
    QCOMPARE(view.diffView()->extraSelections().size(), 3);

    view.findNext();
    QCOMPARE(view.currentMatch(), 1);
    QVERIFY(view.diffView()->textCursor().block().text().contains(QStringLiteral("util")));
    view.findPrevious();
    view.findPrevious();
    QCOMPARE(view.currentMatch(), 2); // wraps around
    QCOMPARE(label->text(), QStringLiteral("3 of 3"));

    view.setSearchText(QStringLiteral("no such text anywhere"));
    QCOMPARE(view.matchCount(), 0);
    QCOMPARE(view.currentMatch(), -1);
    QCOMPARE(label->text(), QStringLiteral("No matches"));
    view.findNext(); // harmless without matches
    QCOMPARE(view.currentMatch(), -1);

    view.setSearchText(QString());
    QVERIFY(label->text().isEmpty());
    QVERIFY(view.diffView()->extraSelections().isEmpty());
}

void TestChangesView::searchKeys()
{
    ChangesView view;
    showJob(view);
    QApplication::setActiveWindow(&view);
    QVERIFY(QTest::qWaitForWindowActive(&view));
    auto *edit = child<QLineEdit>(view, "searchEdit");
    view.fileView()->setFocus();
    QTest::keyClick(view.fileView(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(edit->hasFocus());
    QTest::keyClicks(edit, QStringLiteral("another"));
    QCOMPARE(view.matchCount(), 3);
    QCOMPARE(view.currentMatch(), 0);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(view.currentMatch(), 1);
    QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(view.currentMatch(), 0);
    QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(view.currentMatch(), 2);
    QTest::keyClick(edit, Qt::Key_F3);
    QCOMPARE(view.currentMatch(), 0);
    QTest::keyClick(edit, Qt::Key_Escape);
    QVERIFY(edit->text().isEmpty());
}

void TestChangesView::truncatesHugeDiffs()
{
    // About 5 MB in 50 files of 1,000 lines of 100 characters each.
    AttemptChanges huge;
    huge.attempt = 1;
    const QByteArray filler(101, 'x');
    for (int f = 0; f < 50; ++f) {
        const QByteArray path = "gen/file" + QByteArray::number(f) + ".txt";
        huge.files.append(ChangedFile{QString::fromLatin1(path), {}, 1000, 0, false, false});
        huge.diff += "diff --git a/" + path + " b/" + path + "\n--- /dev/null\n+++ b/" + path + "\n@@ -0,0 +1,1000 @@\n";
        for (int i = 0; i < 1000; ++i)
            huge.diff += "+" + filler + QByteArray::number(i % 10) + "\n";
    }
    QVERIFY(huge.diff.size() > 5'000'000);

    ChangesView view;
    view.setJob(QStringLiteral("job-huge"), QStringLiteral("/tmp/wt/huge"), QStringLiteral("b"), {huge}, 1);
    view.resize(1000, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.isDiffTruncated());
    QTextDocument *document = view.diffView()->document();
    QVERIFY(document->blockCount() <= ChangesView::MaxDiffLines);
    QVERIFY(document->characterCount() <= ChangesView::MaxDiffBytes);
    const QString notice = view.truncationNotice();
    QVERIFY2(notice.contains(QStringLiteral("truncated")), qPrintable(notice));
    QVERIFY2(notice.contains(QStringLiteral("Open in terminal")), qPrintable(notice));
    QVERIFY(child<QLabel>(view, "truncationNotice")->isVisible());
    // The last shown line is whole; files past the cut have no section.
    QVERIFY(document->lastBlock().text().startsWith(QLatin1Char('+')));
    QVERIFY(view.showFile(QStringLiteral("gen/file0.txt")));
    QVERIFY(!view.showFile(QStringLiteral("gen/file49.txt")));

    QSignalSpy terminal(&view, &ChangesView::openTerminalRequested);
    Q_EMIT child<QLabel>(view, "truncationNotice")->linkActivated(QStringLiteral("terminal"));
    QCOMPARE(terminal.size(), 1);
    QCOMPARE(terminal.at(0).at(0).toString(), QStringLiteral("/tmp/wt/huge"));

    // A small diff afterwards has no notice.
    view.setJob(QStringLiteral("job-a"), QString(), QString(), {firstAttempt()}, 1);
    QVERIFY(!view.isDiffTruncated());
    QVERIFY(view.truncationNotice().isEmpty());
}

void TestChangesView::cutsLongLines()
{
    AttemptChanges minified = firstAttempt();
    minified.diff = "diff --git a/m.js b/m.js\n@@ -1 +1 @@\n+" + QByteArray(100'000, 'a') + "\n";
    ChangesView view;
    view.setJob(QStringLiteral("job-m"), QString(), QString(), {minified}, 1);
    const QTextBlock line = blockStartingWith(view, QStringLiteral("+aaa"));
    QVERIFY(line.isValid());
    QVERIFY(line.text().size() < ChangesView::MaxLineLength + 10);
    QVERIFY(view.isDiffTruncated());
    QVERIFY(!view.truncationNotice().isEmpty());
}

void TestChangesView::actionsFollowState()
{
    ChangesView view;
    showJob(view);
    auto *land = child<QPushButton>(view, "landButton");
    auto *discard = child<QPushButton>(view, "discardButton");
    // A new job starts with both disabled until its state is known.
    QVERIFY(!land->isEnabled());
    QVERIFY(!discard->isEnabled());

    view.setActionsEnabled(true, true);
    QVERIFY(land->isEnabled());
    QVERIFY(discard->isEnabled());
    QVERIFY(!land->toolTip().isEmpty());

    view.setActionsEnabled(false, true, QStringLiteral("The job has not succeeded"), QString());
    QVERIFY(!land->isEnabled());
    QCOMPARE(land->toolTip(), QStringLiteral("The job has not succeeded"));
    QVERIFY(discard->isEnabled());

    view.setActionsEnabled(false, false, QStringLiteral("Already landed"), QStringLiteral("Already landed"));
    QCOMPARE(discard->toolTip(), QStringLiteral("Already landed"));
    QVERIFY(!discard->isEnabled());
    QCOMPARE(land->text(), QStringLiteral("La&nd"));
}

void TestChangesView::signalsCarryJobAndPath()
{
    ChangesView view;
    showJob(view);
    view.setActionsEnabled(true, true);
    QSignalSpy land(&view, &ChangesView::landRequested);
    QSignalSpy discard(&view, &ChangesView::discardRequested);
    QSignalSpy worktree(&view, &ChangesView::openWorktreeRequested);
    QSignalSpy terminal(&view, &ChangesView::openTerminalRequested);
    QTest::mouseClick(child<QPushButton>(view, "landButton"), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(view, "discardButton"), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(view, "openWorktreeButton"), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(view, "openTerminalButton"), Qt::LeftButton);
    QCOMPARE(land.size(), 1);
    QCOMPARE(land.at(0).at(0).toString(), QStringLiteral("job-a"));
    QCOMPARE(discard.at(0).at(0).toString(), QStringLiteral("job-a"));
    QCOMPARE(worktree.at(0).at(0).toString(), QStringLiteral("/tmp/wt/job-a"));
    QCOMPARE(terminal.at(0).at(0).toString(), QStringLiteral("/tmp/wt/job-a"));

    // Disabled: a click asks for nothing.
    view.setActionsEnabled(false, false, QStringLiteral("no"), QStringLiteral("no"));
    QTest::mouseClick(child<QPushButton>(view, "landButton"), Qt::LeftButton);
    QCOMPARE(land.size(), 1);
}

void TestChangesView::withoutWorktreeOpenIsDisabled()
{
    ChangesView view;
    view.setJob(QStringLiteral("job-b"), QString(), QStringLiteral("b"), {firstAttempt()}, 1);
    auto *open = child<QPushButton>(view, "openWorktreeButton");
    QVERIFY(!open->isEnabled());
    QCOMPARE(open->toolTip(), QStringLiteral("This job has no worktree"));
    QVERIFY(!child<QPushButton>(view, "openTerminalButton")->isEnabled());
    // One attempt: nothing to choose.
    QVERIFY(!child<QComboBox>(view, "attemptSelector")->isEnabled());
}

void TestChangesView::darkPaletteStaysReadable()
{
    ChangesView view;
    view.setPalette(darkPalette());
    showJob(view);
    const QColor base = view.diffView()->palette().color(QPalette::Base);
    QCOMPARE(base, QColor(0x1e, 0x1e, 0x1e));
    for (const QString &start : {QStringLiteral("+added second"), QStringLiteral("-removed second")}) {
        const QTextCharFormat format = blockStartingWith(view, start).begin().fragment().charFormat();
        const QColor background = format.background().color();
        QVERIFY2(background != base, qPrintable(start));
        QVERIFY2(qAbs(luminance(background) - luminance(base)) > 0.005, qPrintable(start));
        // Dark stays dark: no white stripes across a dark editor.
        QVERIFY2(luminance(background) < 0.2, qPrintable(start));
        QVERIFY2(contrast(format.foreground().color(), background) >= 4.5, qPrintable(start));
    }
    const QColor added = view.fileModel()->index(0, 1).data(Qt::ForegroundRole).value<QColor>();
    QVERIFY(contrast(added, base) >= 4.5);

    // Back to a light palette: the formats follow.
    view.setPalette(QPalette(QColor(0xef, 0xef, 0xef)));
    const QColor lightBase = view.diffView()->palette().color(QPalette::Base);
    const QTextCharFormat light = blockStartingWith(view, QStringLiteral("+added second")).begin().fragment().charFormat();
    QVERIFY(luminance(light.background().color()) > 0.5);
    QVERIFY(light.background().color() != lightBase);
    QVERIFY(contrast(light.foreground().color(), light.background().color()) >= 4.5);
}

void TestChangesView::showsPlaceholders()
{
    ChangesView view;
    QVERIFY(!view.placeholder().isEmpty()); // nothing selected yet
    view.setPlaceholder(QStringLiteral("Loading…"));
    QCOMPARE(view.placeholder(), QStringLiteral("Loading…"));
    view.resize(600, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(child<QLabel>(view, "placeholder")->isVisible());
    QVERIFY(!view.diffView()->isVisible());

    showJob(view);
    QVERIFY(view.placeholder().isEmpty());
    QVERIFY(view.diffView()->isVisible());

    view.setPlaceholder(QStringLiteral("This job did not run in a worktree"));
    QVERIFY(WidgetSupport::visibleLabels(view).contains(QStringLiteral("This job did not run in a worktree")));
    view.clear();
    QVERIFY(view.jobId().isEmpty());
    QCOMPARE(view.fileModel()->rowCount(), 0);
    QVERIFY(!view.placeholder().isEmpty());

    // An attempt that changed nothing says so in the diff.
    AttemptChanges empty;
    empty.attempt = 1;
    view.setJob(QStringLiteral("job-e"), QString(), QString(), {empty}, 1);
    QCOMPARE(view.diffView()->placeholderText(), QStringLiteral("This attempt changed no files."));
    QVERIFY(view.headerText().contains(QStringLiteral("+0 −0 in 0 files")));
}

void TestChangesView::everyControlIsReachable()
{
    ChangesView view;
    showJob(view);
    view.setActionsEnabled(true, true);
    QApplication::setActiveWindow(&view);
    QVERIFY(QTest::qWaitForWindowActive(&view));
    QWidget *start = child<QComboBox>(view, "attemptSelector");
    start->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(start->hasFocus());
    QSet<QString> reached;
    for (int i = 0; i < 20; ++i) {
        QWidget *focused = QApplication::focusWidget();
        QVERIFY(focused);
        reached.insert(focused->objectName());
        QTest::keyClick(focused, Qt::Key_Tab);
    }
    for (const char *name : {"attemptSelector", "landButton", "discardButton", "openWorktreeButton",
                             "openTerminalButton", "fileList", "searchEdit", "diffText"})
        QVERIFY2(reached.contains(QLatin1String(name)), name);

    // Mnemonics: Alt+N lands, Alt+A focuses the attempt selector.
    QSignalSpy land(&view, &ChangesView::landRequested);
    QTest::keyClick(&view, Qt::Key_N, Qt::AltModifier);
    QTRY_COMPARE(land.size(), 1); // after the button's click animation
    view.diffView()->setFocus();
    QTest::keyClick(&view, Qt::Key_A, Qt::AltModifier);
    QTRY_VERIFY(start->hasFocus());
}

// ORCH_SCREENSHOTS=dir saves the view at two sizes in a light and a dark
// palette (run under Xvfb with QT_QPA_PLATFORM=xcb for real fonts).
void TestChangesView::screenshots()
{
    const QString dir = qEnvironmentVariable("ORCH_SCREENSHOTS");
    if (dir.isEmpty())
        QSKIP("set ORCH_SCREENSHOTS to a directory to save screenshots");
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    AttemptChanges changes;
    changes.attempt = 2;
    changes.baseCommit = QStringLiteral("3f9c2e17a4b8d0e6c5f1a2b3c4d5e6f7a8b9c0d1");
    changes.resultCommit = QStringLiteral("b71d04c9e2a3f5b6c7d8e9f0a1b2c3d4e5f6a7b8");
    changes.files = {
        ChangedFile{QStringLiteral("engine/git/worktree.cpp"), {}, 9, 3, false, false},
        ChangedFile{QStringLiteral("engine/git/worktree.h"), {}, 2, 0, false, false},
        ChangedFile{QStringLiteral("docs/worktrees.md"), QStringLiteral("docs/isolation.md"), 1, 1, false, false},
        ChangedFile{QStringLiteral("resources/icons/land.png"), {}, 0, 0, true, false},
        ChangedFile{QStringLiteral("CMakeLists.txt"), {}, 1, 0, false, true},
    };
    changes.diff =
        "diff --git a/engine/git/worktree.cpp b/engine/git/worktree.cpp\n"
        "index 5d2c1a0..8e4f7b2 100644\n"
        "--- a/engine/git/worktree.cpp\n"
        "+++ b/engine/git/worktree.cpp\n"
        "@@ -41,12 +41,18 @@ Result<Worktree> Worktrees::create(const QString &jobId, const QString &base)\n"
        "     const QString path = m_root.filePath(jobId);\n"
        "     const QString branch = QStringLiteral(\"orchestrator/\") + jobId;\n"
        "-    const GitResult added = m_git.run({\"worktree\", \"add\", path, base});\n"
        "-    if (!added.ok())\n"
        "-        return Error{ErrorCode::Git, added.message()};\n"
        "+    // A stale worktree of an interrupted attempt blocks the branch: prune first.\n"
        "+    m_git.run({\"worktree\", \"prune\"});\n"
        "+    const GitResult added = m_git.run({\"worktree\", \"add\", \"-B\", branch, path, base});\n"
        "+    if (!added.ok()) {\n"
        "+        return Error{ErrorCode::Git,\n"
        "+                     QStringLiteral(\"%1: cannot create worktree %2: %3\")\n"
        "+                         .arg(jobId, path, added.message())};\n"
        "+    }\n"
        "+    removeStaleLock(path);\n"
        "     return Worktree{jobId, path, branch, base};\n"
        " }\n"
        " \n"
        "diff --git a/engine/git/worktree.h b/engine/git/worktree.h\n"
        "index 77aa001..77aa002 100644\n"
        "--- a/engine/git/worktree.h\n"
        "+++ b/engine/git/worktree.h\n"
        "@@ -18,6 +18,8 @@ public:\n"
        "     Result<Worktree> create(const QString &jobId, const QString &base);\n"
        "     Result<void> remove(const Worktree &worktree);\n"
        "+    // index.lock left by a killed git: safe to remove, no git runs in it.\n"
        "+    static void removeStaleLock(const QString &path);\n"
        " \n"
        "diff --git a/docs/isolation.md b/docs/worktrees.md\n"
        "similarity index 95%\n"
        "rename from docs/isolation.md\n"
        "rename to docs/worktrees.md\n"
        "--- a/docs/isolation.md\n"
        "+++ b/docs/worktrees.md\n"
        "@@ -1,3 +1,3 @@\n"
        "-# Isolation\n"
        "+# Worktrees\n"
        " Each job runs in a worktree of its own.\n"
        "diff --git a/resources/icons/land.png b/resources/icons/land.png\n"
        "index 0000000..1a2b3c4 100644\n"
        "Binary files a/resources/icons/land.png and b/resources/icons/land.png differ\n"
        "diff --git a/CMakeLists.txt b/CMakeLists.txt\n"
        "index 1234567..89abcde 100644\n"
        "--- a/CMakeLists.txt\n"
        "+++ b/CMakeLists.txt\n"
        "@@ -3,3 +3,4 @@ project(orchestrator)\n"
        " set(CMAKE_CXX_STANDARD 20)\n"
        "+set(CMAKE_EXPORT_COMPILE_COMMANDS ON)\n"
        " add_subdirectory(engine)\n";
    changes.landed = true;
    changes.landedCommit = QStringLiteral("c0ffee1234567890c0ffee1234567890c0ffee12");
    AttemptChanges first = changes;
    first.attempt = 1;
    first.landed = false;

    QDir().mkpath(dir);
    for (const bool dark : {false, true}) {
        for (const QSize size : {QSize(1024, 640), QSize(1600, 1000)}) {
            ChangesView view;
            view.setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
            view.setJob(QStringLiteral("ws-release-03-worktrees"), QStringLiteral("/home/me/.orchestrator/wt/ws-release-03"),
                        QStringLiteral("orchestrator/ws-release-03-worktrees"), {first, changes}, 2);
            view.setActionsEnabled(false, true, QStringLiteral("Already landed"), QString());
            view.resize(size);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            view.fileView()->setCurrentIndex(view.fileModel()->index(0, 0));
            view.setSearchText(QStringLiteral("worktree"));
            view.findNext();
            QTest::qWait(200);
            const QString name = QStringLiteral("%1/changes-%2-%3x%4.png")
                                     .arg(dir, dark ? QStringLiteral("dark") : QStringLiteral("light"))
                                     .arg(size.width())
                                     .arg(size.height());
            QVERIFY(view.grab().save(name));
        }
    }
}

QTEST_MAIN(TestChangesView)
#include "tst_changesview.moc"

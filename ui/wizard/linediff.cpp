#include "wizard/linediff.h"

#include <algorithm>
#include <vector>

#include <QStringList>

namespace Orchestrator::Ui {

namespace {

// Above this many cells the LCS table would cost too much memory and time;
// job files are small, so only pathological files get the crude diff.
constexpr qsizetype kMaxTableCells = 4'000'000;

struct Op
{
    char kind;      // ' ', '-', '+'
    int oldLine;    // 0-based, the line before it for '+'
    int newLine;    // 0-based, the line before it for '-'
};

QStringList splitLines(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    // A final newline ends the last line rather than starting an empty one.
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

std::vector<Op> diffOps(const QStringList &a, const QStringList &b)
{
    const int n = int(a.size());
    const int m = int(b.size());
    int prefix = 0;
    while (prefix < n && prefix < m && a.at(prefix) == b.at(prefix))
        ++prefix;
    int suffix = 0;
    while (suffix < n - prefix && suffix < m - prefix && a.at(n - 1 - suffix) == b.at(m - 1 - suffix))
        ++suffix;

    std::vector<Op> ops;
    for (int i = 0; i < prefix; ++i)
        ops.push_back({' ', i, i});

    const int rows = n - prefix - suffix;
    const int cols = m - prefix - suffix;
    if (qsizetype(rows + 1) * (cols + 1) > kMaxTableCells) {
        for (int i = 0; i < rows; ++i)
            ops.push_back({'-', prefix + i, prefix});
        for (int j = 0; j < cols; ++j)
            ops.push_back({'+', prefix + rows, prefix + j});
    } else {
        // lcs[i][j]: longest common subsequence of a[i..] and b[j..] (middle part).
        std::vector<int> lcs(size_t(rows + 1) * size_t(cols + 1), 0);
        auto at = [cols, &lcs](int i, int j) -> int & { return lcs[size_t(i) * size_t(cols + 1) + size_t(j)]; };
        for (int i = rows - 1; i >= 0; --i) {
            for (int j = cols - 1; j >= 0; --j) {
                at(i, j) = a.at(prefix + i) == b.at(prefix + j) ? at(i + 1, j + 1) + 1
                                                                : std::max(at(i + 1, j), at(i, j + 1));
            }
        }
        int i = 0;
        int j = 0;
        while (i < rows || j < cols) {
            if (i < rows && j < cols && a.at(prefix + i) == b.at(prefix + j)) {
                ops.push_back({' ', prefix + i, prefix + j});
                ++i;
                ++j;
            } else if (j < cols && (i == rows || at(i, j + 1) >= at(i + 1, j))) {
                ops.push_back({'+', prefix + i, prefix + j});
                ++j;
            } else {
                ops.push_back({'-', prefix + i, prefix + j});
                ++i;
            }
        }
    }
    for (int k = 0; k < suffix; ++k)
        ops.push_back({' ', n - suffix + k, m - suffix + k});
    return ops;
}

QString range(int start, int count)
{
    // Unified diff convention: an empty range names the line before it.
    if (count == 0)
        return QString::number(start) + QStringLiteral(",0");
    if (count == 1)
        return QString::number(start + 1);
    return QString::number(start + 1) + QLatin1Char(',') + QString::number(count);
}

} // namespace

QString unifiedDiff(const QString &oldText, const QString &newText, const QString &oldName,
                    const QString &newName, int context)
{
    const QStringList a = splitLines(oldText);
    const QStringList b = splitLines(newText);
    const std::vector<Op> ops = diffOps(a, b);

    QStringList out;
    out << QStringLiteral("--- ") + oldName << QStringLiteral("+++ ") + newName;
    const int size = int(ops.size());
    int k = 0;
    while (k < size) {
        while (k < size && ops[size_t(k)].kind == ' ')
            ++k;
        if (k == size)
            break;
        const int begin = std::max(0, k - context);
        int end = k;
        // Extend over changes closer together than two contexts.
        int lastChange = k;
        for (int scan = k; scan < size; ++scan) {
            if (ops[size_t(scan)].kind != ' ') {
                lastChange = scan;
            } else if (scan - lastChange > 2 * context) {
                break;
            }
        }
        end = std::min(size, lastChange + context + 1);

        int oldCount = 0;
        int newCount = 0;
        QStringList body;
        for (int s = begin; s < end; ++s) {
            const Op &op = ops[size_t(s)];
            if (op.kind != '+')
                ++oldCount;
            if (op.kind != '-')
                ++newCount;
            body << QLatin1Char(op.kind) + (op.kind == '+' ? b.at(op.newLine) : a.at(op.oldLine));
        }
        const Op &first = ops[size_t(begin)];
        out << QStringLiteral("@@ -%1 +%2 @@").arg(range(first.oldLine, oldCount), range(first.newLine, newCount));
        out << body;
        k = end;
    }
    return out.join(QLatin1Char('\n'));
}

} // namespace Orchestrator::Ui

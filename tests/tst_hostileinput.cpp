// Hostile and broken input. Malformed job files (truncated, wrong types, deep
// nesting, huge strings, non-UTF-8, byte order marks, duplicate keys, NUL
// bytes) each give one clear error naming the file, through the parser and
// through `orchestrator validate`, and never crash or hang. Arguments that a
// shell would interpret reach the tool byte for byte. Tool output that is
// hostile to viewers (a 10 MB line, a '\r' storm, OSC and CSI sequences,
// invalid UTF-8, NUL bytes) is kept in the log file exactly as written.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "spec/jobspec.h"
#include "spec/jsontext.h"
#include "testsupport.h"

using namespace Orchestrator;
using namespace TestSupport;

namespace {

const QByteArray kValid = "{\"job_id\": \"a\", \"tool\": \"shell\", \"instructions\": \"true\"}";

QByteArray nested(int depth, const QByteArray &open, const QByteArray &close)
{
    return QByteArray("{\"job_id\": \"deep\", \"tool\": \"shell\", \"config\": {\"x\": ") + open.repeated(depth) + "1" + close.repeated(depth) + "}}";
}

// The longest line of a message: a huge value must not make a huge message.
qsizetype longestLine(const QString &text)
{
    qsizetype longest = 0;
    for (const QString &line : text.split(QLatin1Char('\n')))
        longest = qMax(longest, line.size());
    return longest;
}

} // namespace

class TestHostileInput final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    CliRun orchestrator(const QStringList &args, int timeoutMs = 60000)
    {
        return runCli(args, m_dir.path(), cliEnvironment(), timeoutMs);
    }

    // Runs `args` as the job's exact command through `run-job`; returns the log file's path.
    QString runJob(const QString &name, const QStringList &args, CliRun *result = nullptr)
    {
        const QString repo = path(QStringLiteral("repo-%1").arg(++m_counter));
        const QString jobFile = writeJson(repo + QStringLiteral("/job.json"),
                                          QJsonObject{{QStringLiteral("job_id"), name},
                                                      {QStringLiteral("tool"), QStringLiteral("shell")},
                                                      {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                                                              {QStringLiteral("args"), QJsonArray::fromStringList(args)}}},
                                                      {QStringLiteral("paths"), QJsonObject{{QStringLiteral("repo_root"), repo},
                                                                                            {QStringLiteral("log_file"), QStringLiteral("job.log")}}}});
        const CliRun run = orchestrator({QStringLiteral("--db"), repo + QStringLiteral("/state.db"), QStringLiteral("run-job"),
                                      QStringLiteral("--job-file"), jobFile},
                                     120000);
        if (result)
            *result = run;
        return repo + QStringLiteral("/job.log");
    }

    // The tool's output in a log of one attempt: without the "==> " header
    // lines before it and the footer line after it.
    static QByteArray toolOutput(const QByteArray &log)
    {
        qsizetype start = 0;
        while (log.mid(start, 4) == "==> ") {
            const qsizetype end = log.indexOf('\n', start);
            if (end < 0)
                return {};
            start = end + 1;
        }
        const qsizetype footer = log.lastIndexOf("\n==> ");
        return footer < start ? QByteArray() : log.mid(start, footer + 1 - start);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void malformedFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");   // part of the one error message

        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty file");
        QTest::newRow("only whitespace") << QByteArray(" \n\t\n") << QStringLiteral("empty file");
        QTest::newRow("truncated in a string") << QByteArray("{\"job_id\": \"a\", \"tool\": \"sh") << QStringLiteral("not valid JSON at line 1");
        QTest::newRow("truncated after a key") << QByteArray("{\n  \"job_id\":") << QStringLiteral("not valid JSON at line 2");
        QTest::newRow("truncated at the start") << QByteArray("{") << QStringLiteral("not valid JSON");
        QTest::newRow("top-level array") << QByteArray("[1, 2]") << QStringLiteral("expected a JSON object, got an array");
        QTest::newRow("top-level string") << QByteArray("\"job\"") << QStringLiteral("expected a JSON object, got a string");
        QTest::newRow("job_id a number") << QByteArray("{\"job_id\": 5, \"tool\": \"shell\"}") << QStringLiteral("/job_id");
        QTest::newRow("tool an object") << QByteArray("{\"job_id\": \"a\", \"tool\": {\"x\": 1}}") << QStringLiteral("/tool");
        QTest::newRow("args not strings") << QByteArray("{\"job_id\": \"a\", \"tool\": \"shell\", \"command\": {\"exe\": \"x\", \"args\": [1, null]}}")
                                          << QStringLiteral("/command/args/0");
        QTest::newRow("timeout a string") << QByteArray("{\"job_id\": \"a\", \"tool\": \"shell\", \"metadata\": {\"timeout_seconds\": \"ten\"}}")
                                          << QStringLiteral("/metadata/timeout_seconds");
        QTest::newRow("number out of range") << QByteArray("{\"job_id\": \"a\", \"tool\": \"shell\", \"metadata\": {\"timeout_seconds\": 1e999999}}")
                                             << QStringLiteral("not valid JSON at line 1, column 66: illegal number");
        QTest::newRow("100000 nested arrays") << nested(100000, "[", "]") << QStringLiteral("not valid JSON");
        QTest::newRow("100000 nested objects") << nested(100000, "{\"a\":", "}") << QStringLiteral("not valid JSON");
        QTest::newRow("unclosed nesting") << QByteArray("{\"job_id\": \"a\", \"tool\": \"shell\", \"config\": {\"x\": ") + QByteArray(100000, '[')
                                          << QStringLiteral("not valid JSON");
        QTest::newRow("10 MB job_id") << QByteArray("{\"job_id\": \"") + QByteArray(10 * 1024 * 1024, 'j') + "\", \"tool\": \"shell\"}"
                                      << QStringLiteral("/job_id");
        QTest::newRow("invalid UTF-8 in a value") << QByteArray("{\"job_id\": \"a\", \"tool\": \"shell\", \"instructions\": \"caf\xe9\"}")
                                                  << QStringLiteral("not valid JSON at line 1");
        QTest::newRow("invalid UTF-8 in a key") << QByteArray("{\"job_id\": \"a\", \"tool\": \"shell\", \"\xff\xfe\": 1}")
                                                << QStringLiteral("not valid JSON at line 1");
        QTest::newRow("UTF-16 with BOM") << QByteArray("\xff\xfe{\0\"\0j\0", 8) << QStringLiteral("not valid JSON at line 1, column 1");
        QTest::newRow("UTF-8 BOM, then broken") << QByteArray("\xef\xbb\xbf{\"job_id\": }") << QStringLiteral("not valid JSON at line 1");
        QTest::newRow("duplicate key") << QByteArray("{\"job_id\": \"a\",\n \"tool\": \"shell\",\n \"job_id\": \"b\"}")
                                       << QStringLiteral("/: key \"job_id\" appears twice (line 1, column 2 and line 3, column 2)");
        QTest::newRow("duplicate nested key") << QByteArray("{\"job_id\": \"a\", \"tool\": \"shell\", \"config\": {\"model\": \"x\", \"model\": \"y\"}}")
                                              << QStringLiteral("/config: key \"model\" appears twice");
        QTest::newRow("duplicate key spelt with an escape") << QByteArray("{\"job_id\": \"a\", \"tool\": \"shell\", \"jo\\u0062_id\": \"b\"}")
                                                            << QStringLiteral("key \"job_id\" appears twice");
        QTest::newRow("duplicate key in an array element")
                << QByteArray("{\"job_id\": \"a\", \"tool\": \"shell\", \"config\": {\"list\": [{}, {\"k\": 1, \"k\": 2}]}}")
                << QStringLiteral("/config/list/1: key \"k\" appears twice");
        QTest::newRow("NUL in a string") << QByteArray("{\"job_id\": \"a\0b\", \"tool\": \"shell\"}", 34) << QStringLiteral("/job_id: expected a job id");
        QTest::newRow("NUL after the object") << kValid + QByteArray(1, '\0') << QStringLiteral("not valid JSON at line 1");
        QTest::newRow("only NUL bytes") << QByteArray(64, '\0') << QStringLiteral("not valid JSON at line 1, column 1");
        QTest::newRow("escaped NUL in job_id") << QByteArray("{\"job_id\": \"a\\u0000b\", \"tool\": \"shell\"}") << QStringLiteral("/job_id");
        QTest::newRow("binary garbage") << QByteArray("\x7f" "ELF\x02\x01\x01\0\0\0\0", 12) << QStringLiteral("not valid JSON at line 1, column 1");
    }

    // Through the parser: one clear error naming the file, one bounded line
    // per problem (a 10 MB value is not repeated back).
    void malformedFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString file = writeFile(path(QStringLiteral("corpus/%1.json").arg(++m_counter)), content);

        const Result<JobSpec> loaded = loadJobFile(file);
        QVERIFY2(!loaded.ok(), "a malformed file was accepted");
        const QString message = loaded.error().message;
        QVERIFY2(message.startsWith(file + QLatin1String(": ")), qPrintable(message.left(300)));
        QVERIFY2(message.contains(expected), qPrintable(message.left(300)));
        QVERIFY2(longestLine(message) < 400 + file.size(), qPrintable(message.left(300)));
        QVERIFY(loaded.error().code == ErrorCode::Parse || loaded.error().code == ErrorCode::Schema);

        // The same bytes from memory (what the fuzz target drives) say the same.
        const Result<JobSpec> parsed = parseJobBytes(content, file);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().message, message);
    }

    // Through the command line: exit 3 (an invalid job file), the file named
    // on stderr, no crash and no hang.
    void malformedFilesThroughValidate_data() { malformedFiles_data(); }
    void malformedFilesThroughValidate()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString file = writeFile(path(QStringLiteral("cli-corpus/%1.json").arg(++m_counter)), content);
        const CliRun run = orchestrator({QStringLiteral("--db"), path(QStringLiteral("none.db")), QStringLiteral("validate"), file});
        QVERIFY2(run.exitCode == 3, qPrintable(QStringLiteral("exit %1: %2").arg(run.exitCode).arg(QString::fromUtf8(run.err.left(300)))));
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(err.startsWith(QStringLiteral("orchestrator validate: ") + file), qPrintable(err.left(300)));
        QVERIFY2(err.contains(expected), qPrintable(err.left(300)));
        QVERIFY(!QFile::exists(path(QStringLiteral("none.db"))));
    }

    // 100 MB in one string: refused by its size before it is read.
    void hundredMegabyteString()
    {
        const QString file = path(QStringLiteral("huge.json"));
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write("{\"job_id\": \"huge\", \"tool\": \"shell\", \"instructions\": \"");
            const QByteArray block(1024 * 1024, 'i');
            for (int i = 0; i < 100; ++i)
                QCOMPARE(out.write(block), block.size());
            out.write("\"}");
        }
        const Result<JobSpec> loaded = loadJobFile(file);
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().message.startsWith(file + QLatin1String(": ")), qPrintable(loaded.error().message));
        QVERIFY2(loaded.error().message.contains(QLatin1String("larger than 16 MiB")), qPrintable(loaded.error().message));

        const CliRun run = orchestrator({QStringLiteral("--db"), path(QStringLiteral("none.db")), QStringLiteral("validate"), file});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("larger than 16 MiB"), run.err.constData());
        QFile::remove(file);
    }

    // Nesting the JSON parser accepts (it stops at 1024 levels) is validated
    // without recursion trouble; a big valid file with many keys is not slow
    // to check for duplicates (the check is linear).
    void deepButAcceptedNesting()
    {
        const Result<JobSpec> arrays = parseJobBytes(nested(1000, "[", "]"), QStringLiteral("deep.json"));
        QVERIFY2(arrays.ok(), qPrintable(arrays.error().message));
        const Result<JobSpec> objects = parseJobBytes(nested(1000, "{\"a\":", "}"), QStringLiteral("deep.json"));
        QVERIFY2(objects.ok(), qPrintable(objects.error().message));

        QByteArray many = "{\"job_id\": \"many\", \"tool\": \"shell\", \"config\": {";
        for (int i = 0; i < 200000; ++i)
            many += (i ? ", " : "") + QByteArray("\"k") + QByteArray::number(i) + "\": [1, \"s\\\"]\", {\"k0\": null}]";
        many += "}}";
        const Result<JobSpec> wide = parseJobBytes(many, QStringLiteral("wide.json"));
        QVERIFY2(wide.ok(), qPrintable(wide.error().message));
        QCOMPARE(wide->config.size(), 200000);
    }

    // Keys that only look alike are not duplicates: other objects, other
    // escapes of other names, a key's text appearing as a value.
    void duplicateCheckHasNoFalseAlarms()
    {
        const QByteArray content = "{\"job_id\": \"a\", \"tool\": \"shell\", \"config\": {\"job_id\": \"x\", \"tool\": [\"tool\", \"tool\"],\n"
            "            \"s\": \"\\\"job_id\\\": 1\", \"o\": {\"a\": 1}, \"p\": {\"a\": 2}, \"a\\\"b\": 1, \"a\\\\b\": 2, \"ab\": 3}, \"x-note\": {\"job_id\": 1}}";
        const Result<JobSpec> parsed = parseJobBytes(content, QStringLiteral("alike.json"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().message));
        QVERIFY(JsonText::duplicateKey(content, QStringLiteral("x")).isEmpty());
        // A UTF-8 BOM is still skipped.
        QVERIFY(parseJobBytes("\xef\xbb\xbf" + kValid, QStringLiteral("bom.json")).ok());
    }

    // argv reaches the tool byte for byte: no shell, no globbing, no option
    // parsing of what follows the program name.
    void argumentsReachTheToolByteExact()
    {
        const QString argvFile = path(QStringLiteral("argv.bin"));
        const QStringList payload{
            QStringLiteral("; rm -rf ~"),
            QStringLiteral("$(id)"),
            QStringLiteral("`id`"),
            QStringLiteral("a\nb"),
            QStringLiteral("-rf"),
            QStringLiteral("--"),
            QStringLiteral("-"),
            QStringLiteral("*"),
            QStringLiteral("~"),
            QStringLiteral("$HOME"),
            QStringLiteral("'single' \"double\" \\back"),
            QStringLiteral("a b\tc"),
            QStringLiteral(""),
            QStringLiteral("> /tmp/x | cat && echo"),
            QString::fromUtf8("grüße 日本 🎉"),
            QStringLiteral("--exit"),
            QStringLiteral("99"),
        };
        CliRun run;
        const QString log = runJob(QStringLiteral("argv-exact"), QStringList{QStringLiteral("--argv-out"), argvFile} + payload, &run);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QByteArray expected;
        for (const QString &arg : payload)
            expected += arg.toUtf8() + '\0';
        QCOMPARE(readFile(argvFile), expected);
        QVERIFY(!QFile::exists(path(QStringLiteral("~"))));

        // The logged command line is one line per header, with every argument
        // quoted so that it could be pasted into a shell.
        const QByteArray text = readFile(log);
        const QList<QByteArray> lines = text.split('\n');
        const auto command = std::find_if(lines.begin(), lines.end(), [](const QByteArray &l) { return l.startsWith("==> $ "); });
        QVERIFY(command != lines.end());
        QVERIFY2(command->contains("'; rm -rf ~'") && command->contains("'$(id)'") && command->contains("$'a\\nb'"), command->constData());
        for (const QByteArray &line : lines)
            QVERIFY2(line.isEmpty() || line.startsWith("==> "), line.constData());
    }

    void hostileOutputIsLoggedIntact_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("expected");

        QTest::newRow("10 MB line") << QStringList{QStringLiteral("--long-line"), QString::number(10 * 1024 * 1024)}
                                    << QByteArray(10 * 1024 * 1024, 'y') + '\n';
        QByteArray storm;
        for (int i = 1; i <= 200000; ++i)
            storm += "progress " + QByteArray::number(i) + "%\r";
        QTest::newRow("\\r storm") << QStringList{QStringLiteral("--cr-progress"), QStringLiteral("200000")} << storm + '\n';
        const QByteArray escapes = "\x1b]0;evil title\x07\x1b]8;;http://x.invalid\x1b\\link\x1b]8;;\x1b\\\x1b[2J\x1b[H\x1b[31mred\x1b[0m"
                                   "\x1b[999999999999;99999999999H\x1b[?1049h\x1bP+q544e\x1b\\\x1b]52;c;ZXZpbA==\x07\n";
        QTest::newRow("OSC and CSI") << QStringList{QStringLiteral("--raw-hex"), QString::fromLatin1(escapes.toHex())} << escapes;
        QTest::newRow("unterminated OSC") << QStringList{QStringLiteral("--raw-hex"), QString::fromLatin1(QByteArray("\x1b]0;never ends").toHex()),
                                                         QStringLiteral("--print"), QStringLiteral("after")}
                                          << QByteArray("\x1b]0;never endsafter\n");
        const QByteArray invalid = "ok \xff\xfe \xc3\x28 \xe2\x82 \xf0\x9f\x98 \xed\xa0\x80 \xc0\xaf end\n";
        QTest::newRow("invalid UTF-8") << QStringList{QStringLiteral("--raw-hex"), QString::fromLatin1(invalid.toHex())} << invalid;
        const QByteArray nuls("a\0b\0\0c\n\0\0\0\n", 11);
        QTest::newRow("NUL bytes") << QStringList{QStringLiteral("--raw-hex"), QString::fromLatin1(nuls.toHex())} << nuls;
        QTest::newRow("no final newline") << QStringList{QStringLiteral("--raw-hex"), QString::fromLatin1(QByteArray("\x1b[").toHex())}
                                          << QByteArray("\x1b[\n");   // the footer starts on a line of its own
    }

    // The tool's bytes land in the log unchanged, between the orchestrator's
    // own header and footer lines.
    void hostileOutputIsLoggedIntact()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, expected);
        CliRun run;
        const QString log = runJob(QStringLiteral("hostile-%1").arg(m_counter + 1), args, &run);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QByteArray output = toolOutput(readFile(log));
        QCOMPARE(output.size(), expected.size());
        QVERIFY(output == expected);
    }
};

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostileinput.moc"

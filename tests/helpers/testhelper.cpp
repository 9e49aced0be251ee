// orch-testhelper: a stand-in for the command-line tools the orchestrator
// runs in tests. Plain C++ and POSIX, no Qt, so that what the tests observe
// is the orchestrator's behaviour and not the helper's.
//
// Behaviours are arguments, run in the order given; all arguments are checked
// before any of them runs, so a typo has no side effects:
//   --exit N              exit with code N at the end (default 0)
//   --sleep MS            sleep MS milliseconds
//   --print TEXT          TEXT and a newline on stdout
//   --stderr TEXT         TEXT and a newline on stderr
//   --lines N             "line 1" .. "line N" on stdout
//   --bytes N             exactly N bytes on stdout, in lines of 99 'x' + '\n'
//   --cr-progress N       "progress 1%\r" .. "progress N%\r", then one '\n'
//   --no-newline TEXT     TEXT on stdout without a newline
//   --grandchild PIDFILE  leave behind a grandchild in our process group that
//                         sleeps 300 s; its pid is in PIDFILE before we go on
//   --pidfile FILE        write our own pid to FILE
//   --crash               abort() (SIGABRT), without a core file
//   --signal-self N       raise signal N
//   --record FILE         append a JSON array of our arguments (argv[1..]) to FILE
//   --env NAME            "NAME=value" or "NAME unset" on stdout
//   --cwd                 "cwd=/path" on stdout
//   --ignore-term         ignore SIGTERM from here on
//   --touch FILE          append "ran <pid>" to FILE
//   --fail-until FILE N   bump the counter in FILE; exit 1 while it is below N
//   --ledger FILE         append "<ORCHESTRATOR_JOB_ID> <ORCHESTRATOR_ATTEMPT> <pid>" to FILE
//                         (the side effect whose repetition crash tests count)
//   --escape PIDFILE      leave behind a grandchild that left our process group
//                         and session (setsid) and sleeps 300 s; its pid is in PIDFILE
//   --dribble TEXT MS     TEXT and a newline on stdout one byte per write, MS ms apart
//   --sleep-first FILE MS sleep MS ms only if FILE does not exist yet (it is
//                         created first): a first attempt that hangs, later ones that do not
//   --long-line N         one line of N 'y' bytes and a newline, in one write sequence
//   --raw-hex HEX         the bytes HEX spells (pairs of hex digits) on stdout, as they are:
//                         escape sequences, invalid UTF-8, NUL bytes
// One more, only as the first argument:
//   --argv-out FILE ARGS...  write each of ARGS, byte for byte, followed by a NUL byte,
//                         to FILE and exit 0; ARGS are not interpreted (they may look
//                         like options, hold newlines, quotes or shell syntax)
// Unknown arguments or bad values: a message on stderr and exit 64 (EX_USAGE).
// Files named by --pidfile, --grandchild and --fail-until are replaced
// atomically (FILE.tmp, then rename) so a test polling them never reads half.

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <span>
#include <string>
#include <string_view>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

constexpr int exitUsage = 64;

enum class Value { Text, Number };

struct Context
{
    std::span<char *const> arguments; // argv[1..], for --record
    int exitCode = 0;
};

using Values = std::span<const std::string>;

struct Option
{
    std::string_view name;
    std::vector<Value> values;
    void (*run)(Context &, Values);
};

struct Step
{
    const Option *option;
    std::vector<std::string> values;
};

bool parseNumber(std::string_view text, long long &number)
{
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    return error == std::errc() && end == text.data() + text.size();
}

// Only called on values the argument check has already accepted.
long long number(const std::string &text)
{
    long long value = 0;
    parseNumber(text, value);
    return value;
}

[[noreturn]] void die(const std::string &what)
{
    std::fprintf(stderr, "orch-testhelper: %s: %s\n", what.c_str(), std::strerror(errno));
    std::exit(70); // EX_SOFTWARE: the helper itself failed, not the behaviour asked of it
}

void writeAll(int fd, std::string_view data, const std::string &path)
{
    while (!data.empty()) {
        const ssize_t written = ::write(fd, data.data(), data.size());
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0)
            die("write " + path);
        data.remove_prefix(static_cast<size_t>(written));
    }
}

void appendToFile(const std::string &path, std::string_view line)
{
    // One write() on an O_APPEND descriptor, so concurrent runs do not interleave lines.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        die("open " + path);
    writeAll(fd, line, path);
    ::close(fd);
}

void replaceFile(const std::string &path, std::string_view content)
{
    const std::string temporary = path + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        die("open " + temporary);
    writeAll(fd, content, temporary);
    ::close(fd);
    if (::rename(temporary.c_str(), path.c_str()) != 0)
        die("rename " + temporary);
}

std::string jsonString(std::string_view text)
{
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                std::array<char, 8> escaped{};
                std::snprintf(escaped.data(), escaped.size(), "\\u%04x", static_cast<unsigned>(c));
                out += escaped.data();
            } else {
                out += c; // bytes >= 0x80 pass through: arguments are taken to be UTF-8
            }
        }
    }
    return out + '"';
}

void sleepMs(long long ms)
{
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

void runExit(Context &context, Values v) { context.exitCode = static_cast<int>(number(v[0])); }
void runSleep(Context &, Values v) { sleepMs(number(v[0])); }
void runPrint(Context &, Values v) { std::printf("%s\n", v[0].c_str()); }
void runStderr(Context &, Values v) { std::fprintf(stderr, "%s\n", v[0].c_str()); }
void runNoNewline(Context &, Values v) { std::fputs(v[0].c_str(), stdout); }

void runLines(Context &, Values v)
{
    for (long long i = 1; i <= number(v[0]); ++i)
        std::printf("line %lld\n", i);
}

void runBytes(Context &, Values v)
{
    const std::string line = std::string(99, 'x') + '\n';
    long long remaining = number(v[0]);
    for (; remaining >= 100; remaining -= 100)
        std::fwrite(line.data(), 1, line.size(), stdout);
    if (remaining > 0) // a shorter last line, so the total is exactly N and ends in '\n'
        std::fwrite(line.data() + (100 - remaining), 1, static_cast<size_t>(remaining), stdout);
}

void runCrProgress(Context &, Values v)
{
    // One flush per update: the reader sees '\r'-terminated chunks as a terminal would.
    for (long long k = 1; k <= number(v[0]); ++k) {
        std::printf("progress %lld%%\r", k);
        std::fflush(stdout);
    }
    std::putchar('\n');
}

void runGrandchild(Context &, Values v)
{
    std::fflush(nullptr); // or the children would print our buffered output again
    const pid_t child = ::fork();
    if (child < 0)
        die("fork");
    if (child == 0) {
        const pid_t grandchild = ::fork();
        if (grandchild < 0)
            die("fork");
        if (grandchild == 0) {
            // Keeps the inherited stdout/stderr open, as a stray real-world
            // grandchild would: the orchestrator must not wait for EOF.
            sleepMs(300'000);
            ::_exit(0);
        }
        replaceFile(v[0], std::to_string(grandchild) + '\n');
        ::_exit(0); // the grandchild is orphaned; only its process group still ties it to us
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) { }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "orch-testhelper: the grandchild's parent failed\n");
        std::exit(70);
    }
}

void runPidfile(Context &, Values v) { replaceFile(v[0], std::to_string(::getpid()) + '\n'); }

void runCrash(Context &, Values)
{
    std::fflush(nullptr);
    const rlimit noCore{0, 0};
    ::setrlimit(RLIMIT_CORE, &noCore); // no core files left in test directories
    std::abort();
}

void runSignalSelf(Context &, Values v)
{
    std::fflush(nullptr);
    std::raise(static_cast<int>(number(v[0]))); // an ignored signal lets us carry on
}

void runRecord(Context &context, Values v)
{
    std::string line = "[";
    for (size_t i = 0; i < context.arguments.size(); ++i)
        line += (i ? "," : "") + jsonString(context.arguments[i]);
    appendToFile(v[0], line + "]\n");
}

void runEnv(Context &, Values v)
{
    if (const char *value = std::getenv(v[0].c_str()))
        std::printf("%s=%s\n", v[0].c_str(), value);
    else
        std::printf("%s unset\n", v[0].c_str());
}

void runCwd(Context &, Values)
{
    std::printf("cwd=%s\n", std::filesystem::current_path().c_str());
}

void runIgnoreTerm(Context &, Values) { std::signal(SIGTERM, SIG_IGN); }

void runTouch(Context &, Values v) { appendToFile(v[0], "ran " + std::to_string(::getpid()) + '\n'); }

void runFailUntil(Context &, Values v)
{
    long long counter = 0;
    if (FILE *file = std::fopen(v[0].c_str(), "r")) {
        if (std::fscanf(file, "%lld", &counter) != 1)
            counter = 0;
        std::fclose(file);
    }
    ++counter;
    replaceFile(v[0], std::to_string(counter) + '\n');
    if (counter < number(v[1])) {
        std::fprintf(stderr, "fail-until: attempt %lld of %lld fails\n", counter, number(v[1]));
        std::fflush(nullptr);
        std::exit(1);
    }
}

void runLedger(Context &, Values v)
{
    const char *job = std::getenv("ORCHESTRATOR_JOB_ID");
    const char *attempt = std::getenv("ORCHESTRATOR_ATTEMPT");
    appendToFile(v[0], std::string(job ? job : "?") + ' ' + (attempt ? attempt : "?") + ' ' + std::to_string(::getpid()) + '\n');
}

void runEscape(Context &, Values v)
{
    std::fflush(nullptr);
    const pid_t child = ::fork();
    if (child < 0)
        die("fork");
    if (child == 0) {
        const pid_t grandchild = ::fork();
        if (grandchild < 0)
            die("fork");
        if (grandchild == 0) {
            ::setsid(); // out of the group and the session: a group kill misses it
            sleepMs(300'000);
            ::_exit(0);
        }
        replaceFile(v[0], std::to_string(grandchild) + '\n');
        ::_exit(0);
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) { }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "orch-testhelper: the escaping grandchild's parent failed\n");
        std::exit(70);
    }
}

void runDribble(Context &, Values v)
{
    const std::string text = v[0] + '\n';
    for (const char c : text) {
        std::fputc(c, stdout);
        std::fflush(stdout);
        sleepMs(number(v[1]));
    }
}

void runLongLine(Context &, Values v)
{
    const std::string block(64 * 1024, 'y');
    long long remaining = number(v[0]);
    for (; remaining > 0; remaining -= static_cast<long long>(block.size()))
        std::fwrite(block.data(), 1, static_cast<size_t>(std::min<long long>(remaining, static_cast<long long>(block.size()))), stdout);
    std::putchar('\n');
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void runRawHex(Context &, Values v)
{
    const std::string &hex = v[0];
    std::string bytes;
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
        bytes += static_cast<char>(hexDigit(hex[i]) * 16 + hexDigit(hex[i + 1]));
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
}

bool isHex(const std::string &text)
{
    return text.size() % 2 == 0 && std::ranges::all_of(text, [](char c) { return hexDigit(c) >= 0; });
}

void writeArgv(std::span<char *const> arguments)
{
    std::string content;
    for (size_t i = 1; i < arguments.size(); ++i) {
        content += arguments[i];
        content += '\0';
    }
    replaceFile(arguments[0], content);
}

void runSleepFirst(Context &, Values v)
{
    const int fd = ::open(v[0].c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return; // not the first time
    ::close(fd);
    sleepMs(number(v[1]));
}

using enum Value;
const std::vector<Option> options = {
    {"--exit", {Number}, runExit},
    {"--sleep", {Number}, runSleep},
    {"--print", {Text}, runPrint},
    {"--stderr", {Text}, runStderr},
    {"--lines", {Number}, runLines},
    {"--bytes", {Number}, runBytes},
    {"--cr-progress", {Number}, runCrProgress},
    {"--no-newline", {Text}, runNoNewline},
    {"--grandchild", {Text}, runGrandchild},
    {"--pidfile", {Text}, runPidfile},
    {"--crash", {}, runCrash},
    {"--signal-self", {Number}, runSignalSelf},
    {"--record", {Text}, runRecord},
    {"--env", {Text}, runEnv},
    {"--cwd", {}, runCwd},
    {"--ignore-term", {}, runIgnoreTerm},
    {"--touch", {Text}, runTouch},
    {"--fail-until", {Text, Number}, runFailUntil},
    {"--ledger", {Text}, runLedger},
    {"--escape", {Text}, runEscape},
    {"--dribble", {Text, Number}, runDribble},
    {"--sleep-first", {Text, Number}, runSleepFirst},
    {"--long-line", {Number}, runLongLine},
    {"--raw-hex", {Text}, runRawHex},
};

[[noreturn]] void usageError(const std::string &message)
{
    std::fprintf(stderr, "orch-testhelper: %s\n", message.c_str());
    std::exit(exitUsage);
}

std::vector<Step> parseArguments(std::span<char *const> arguments)
{
    std::vector<Step> steps;
    for (size_t i = 0; i < arguments.size();) {
        const std::string_view name = arguments[i++];
        const auto option = std::ranges::find(options, name, &Option::name);
        if (option == options.end())
            usageError("unknown argument '" + std::string(name) + "'");
        Step step{&*option, {}};
        for (const Value kind : option->values) {
            if (i == arguments.size())
                usageError(std::string(name) + ": missing value");
            const std::string value = arguments[i++];
            long long parsed = 0;
            if (kind == Value::Number && (!parseNumber(value, parsed) || parsed < 0))
                usageError(std::string(name) + ": '" + value + "' is not a non-negative integer");
            if (name == "--raw-hex" && !isHex(value))
                usageError("--raw-hex: '" + value + "' is not pairs of hex digits");
            step.values.push_back(value);
        }
        steps.push_back(std::move(step));
    }
    return steps;
}

} // namespace

int main(int argc, char **argv)
{
    Context context;
    context.arguments = std::span<char *const>(argv + 1, static_cast<size_t>(argc - 1));
    if (argc >= 3 && std::string_view(argv[1]) == "--argv-out") {
        writeArgv(context.arguments.subspan(1));
        return 0;
    }
    for (const Step &step : parseArguments(context.arguments)) {
        step.option->run(context, step.values);
        // Flushed after every step, so output and sleeps interleave as written.
        std::fflush(stdout);
        std::fflush(stderr);
    }
    return context.exitCode;
}

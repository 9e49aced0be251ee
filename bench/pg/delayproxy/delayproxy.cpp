// orch-delayproxy: a TCP forwarder that adds latency, for benches that need a
// database "one network hop away" on one machine.
//
//   orch-delayproxy --to HOST:PORT [--listen [HOST:]PORT] [--delay-ms N] [--verbose]
//
// Every chunk read from one side is written to the other side N ms after it
// arrived (latency, not bandwidth: a chunk read at t goes out at t + N, and
// chunks keep their order). End of stream is delayed the same way and passed
// on as a half-close (shutdown(SHUT_WR)), so a client that stops sending but
// still reads works as it would directly; a reset is passed on as a reset.
// When it listens, the port is printed on stdout (one line), so
// `--listen 0` (the default) picks a free one.
//
// One thread, epoll and a timerfd: no busy loop, thousands of connections.
// Each direction buffers at most 8 MiB before it stops reading from its
// source, so a slow reader slows its writer down as TCP would.
// On stop (SIGTERM, SIGINT) it prints, on stderr, the connections, bytes and
// round trips it carried: a round trip is counted each time a client sends
// after the server last sent on that connection (a request/answer protocol
// such as PostgreSQL's, one statement at a time, is one per statement).

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <unordered_map>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;   // CLOCK_MONOTONIC, as the timerfd

constexpr std::size_t kReadSize = 64 * 1024;
constexpr std::size_t kHighWater = 8 * 1024 * 1024;   // stop reading the source
constexpr std::size_t kLowWater = 1024 * 1024;        // read it again
constexpr std::uint64_t kListenKey = ~std::uint64_t(0);
constexpr std::uint64_t kTimerKey = kListenKey - 1;
constexpr std::uint64_t kSignalKey = kListenKey - 2;

bool g_verbose = false;

[[noreturn]] void die(const char *what)
{
    std::fprintf(stderr, "orch-delayproxy: %s: %s\n", what, std::strerror(errno));
    std::exit(1);
}

[[noreturn]] void usage(const char *message)
{
    std::fprintf(stderr,
                 "orch-delayproxy: %s\n"
                 "usage: orch-delayproxy --to HOST:PORT [--listen [HOST:]PORT] [--delay-ms N] [--verbose]\n"
                 "  --to HOST:PORT       where to forward (required)\n"
                 "  --listen [HOST:]PORT where to listen (default 127.0.0.1:0, a free port; printed on stdout)\n"
                 "  --delay-ms N         added latency in each direction, may be fractional (default 1)\n"
                 "  --verbose            one line per connection on stderr\n",
                 message);
    std::exit(64);
}

// "HOST:PORT" or "PORT" (host `defaultHost`).
bool splitHostPort(const std::string &text, const char *defaultHost, std::string &host, std::string &port)
{
    const std::size_t colon = text.rfind(':');
    host = colon == std::string::npos ? defaultHost : text.substr(0, colon);
    port = colon == std::string::npos ? text : text.substr(colon + 1);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    return !host.empty() && !port.empty() && port.find_first_not_of("0123456789") == std::string::npos;
}

sockaddr_storage resolve(const std::string &host, const std::string &port, socklen_t &length, bool passive)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = passive ? AI_PASSIVE : 0;
    addrinfo *found = nullptr;
    if (int rc = getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0 || !found) {
        std::fprintf(stderr, "orch-delayproxy: cannot resolve %s:%s: %s\n", host.c_str(), port.c_str(), gai_strerror(rc));
        std::exit(1);
    }
    sockaddr_storage address{};
    std::memcpy(&address, found->ai_addr, found->ai_addrlen);
    length = found->ai_addrlen;
    freeaddrinfo(found);
    return address;
}

void setNoDelay(int fd)
{
    int one = 1;
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

// Data read at one time, or the end of the stream (`eof`).
struct Chunk
{
    Clock::time_point due;
    std::string bytes;
    std::size_t offset = 0;
    bool eof = false;
};

// One direction of a connection: read from `from`, written to `to` when due.
struct Direction
{
    std::deque<Chunk> queue;
    std::size_t queued = 0;     // bytes not yet written
    bool readEof = false;       // `from` said end of stream
    bool paused = false;        // not reading: queue over the high-water mark
    bool blocked = false;       // `to` would block: wait for EPOLLOUT
    bool shutDown = false;      // the end of stream went out: shutdown(to, SHUT_WR)
    std::uint64_t bytes = 0;
};

// Side 0 is the client (accepted), side 1 the server (connected to).
// Direction 0 runs client -> server, direction 1 server -> client.
struct Connection
{
    std::uint64_t id = 0;
    int fd[2] = {-1, -1};
    std::uint32_t registered[2] = {0, 0};   // events asked of epoll
    bool inEpoll[2] = {false, false};
    bool connected = false;                 // the server side's connect() completed
    Direction dir[2];
    Clock::time_point opened;
    int lastSide = 1;                       // who sent last: a client read after the server's answer is a new round trip
};

class Proxy final
{
public:
    Proxy(int listenFd, sockaddr_storage target, socklen_t targetLength, Clock::duration delay)
        : m_listen(listenFd), m_target(target), m_targetLength(targetLength), m_delay(delay)
    {
        m_epoll = epoll_create1(EPOLL_CLOEXEC);
        m_timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
        if (m_epoll < 0 || m_timer < 0)
            die("epoll/timerfd");
        sigset_t signals;
        sigemptyset(&signals);
        sigaddset(&signals, SIGINT);
        sigaddset(&signals, SIGTERM);
        sigaddset(&signals, SIGHUP);
        sigprocmask(SIG_BLOCK, &signals, nullptr);
        m_signals = signalfd(-1, &signals, SFD_NONBLOCK | SFD_CLOEXEC);
        if (m_signals < 0)
            die("signalfd");
        add(m_listen, EPOLLIN, kListenKey);
        add(m_timer, EPOLLIN, kTimerKey);
        add(m_signals, EPOLLIN, kSignalKey);
    }

    int run()
    {
        std::vector<epoll_event> events(256);
        while (!m_stop) {
            const int n = epoll_wait(m_epoll, events.data(), int(events.size()), -1);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                die("epoll_wait");
            }
            for (int i = 0; i < n && !m_stop; ++i)
                dispatch(events[std::size_t(i)].data.u64, events[std::size_t(i)].events);
            runDue();
        }
        std::fprintf(stderr, "orch-delayproxy: stopped; %llu connection(s), %llu bytes up, %llu bytes down, %llu round trips\n",
                     (unsigned long long)m_accepted, (unsigned long long)m_bytesUp, (unsigned long long)m_bytesDown,
                     (unsigned long long)m_roundTrips);
        return 0;
    }

private:
    void add(int fd, std::uint32_t events, std::uint64_t key)
    {
        epoll_event ev{};
        ev.events = events;
        ev.data.u64 = key;
        if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev) < 0)
            die("epoll_ctl");
    }

    void dispatch(std::uint64_t key, std::uint32_t events)
    {
        if (key == kListenKey)
            return acceptAll();
        if (key == kTimerKey) {
            std::uint64_t expirations;
            (void)!read(m_timer, &expirations, sizeof expirations);
            m_armed = {};
            return;   // runDue() follows
        }
        if (key == kSignalKey) {
            signalfd_siginfo info;
            (void)!read(m_signals, &info, sizeof info);
            m_stop = true;
            return;
        }
        const auto it = m_connections.find(key >> 1);
        if (it == m_connections.end())
            return;   // closed earlier in this batch
        Connection &c = *it->second;
        const int side = int(key & 1);
        if (side == 1 && !c.connected) {
            int error = 0;
            socklen_t length = sizeof error;
            getsockopt(c.fd[1], SOL_SOCKET, SO_ERROR, &error, &length);
            if (error != 0 || (events & (EPOLLERR | EPOLLHUP))) {
                if (g_verbose)
                    std::fprintf(stderr, "orch-delayproxy: #%llu: connect: %s\n", (unsigned long long)c.id,
                                 std::strerror(error ? error : ECONNREFUSED));
                return close(c, true);
            }
            c.connected = true;
            setNoDelay(c.fd[1]);
            flush(c, 0);
            if (!alive(key >> 1))
                return;
            return updateInterest(c);
        }
        if (events & EPOLLERR) {
            // A reset (or another error) on one side: pass it on as a reset.
            return close(c, true);
        }
        if (events & EPOLLOUT) {
            c.dir[1 - side].blocked = false;
            flush(c, 1 - side);
            if (!alive(key >> 1))
                return;
        }
        if (events & (EPOLLIN | EPOLLHUP | EPOLLRDHUP)) {
            if (!c.dir[side].readEof && !c.dir[side].paused)
                readFrom(c, side);
            else if ((events & EPOLLHUP) && !(events & EPOLLIN)) {
                // Both ways shut on this socket: nothing will come or go any
                // more, and a level-triggered hang-up would wake us for ever.
                if (c.inEpoll[side]) {
                    epoll_ctl(m_epoll, EPOLL_CTL_DEL, c.fd[side], nullptr);
                    c.inEpoll[side] = false;
                    c.registered[side] = 0;
                }
            }
            if (!alive(key >> 1))
                return;
        }
        updateInterest(c);
        finishIfDone(c);
    }

    bool alive(std::uint64_t id) const { return m_connections.count(id) != 0; }

    void acceptAll()
    {
        for (;;) {
            sockaddr_storage peer{};
            socklen_t length = sizeof peer;
            const int client = accept4(m_listen, reinterpret_cast<sockaddr *>(&peer), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (client < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
                    return;
                if (errno == ECONNABORTED || errno == EPROTO)
                    continue;
                // Out of descriptors: stop listening for 100 ms, or the
                // readable listening socket would spin the loop.
                std::fprintf(stderr, "orch-delayproxy: accept: %s (pausing 100 ms)\n", std::strerror(errno));
                epoll_event ev{};
                ev.data.u64 = kListenKey;
                epoll_ctl(m_epoll, EPOLL_CTL_MOD, m_listen, &ev);
                m_listenResume = Clock::now() + std::chrono::milliseconds(100);
                schedule(*m_listenResume, kListenKey);
                return;
            }
            setNoDelay(client);
            const int server = socket(m_target.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (server < 0) {
                std::fprintf(stderr, "orch-delayproxy: socket: %s\n", std::strerror(errno));
                ::close(client);
                continue;
            }
            auto c = std::make_unique<Connection>();
            c->id = ++m_nextId;
            c->fd[0] = client;
            c->fd[1] = server;
            c->opened = Clock::now();
            ++m_accepted;
            Connection &ref = *c;
            m_connections.emplace(c->id, std::move(c));
            if (::connect(server, reinterpret_cast<const sockaddr *>(&m_target), m_targetLength) == 0) {
                ref.connected = true;
                setNoDelay(server);
            } else if (errno != EINPROGRESS) {
                if (g_verbose)
                    std::fprintf(stderr, "orch-delayproxy: #%llu: connect: %s\n", (unsigned long long)ref.id, std::strerror(errno));
                close(ref, true);
                continue;
            }
            if (g_verbose)
                std::fprintf(stderr, "orch-delayproxy: #%llu: accepted\n", (unsigned long long)ref.id);
            updateInterest(ref);
        }
    }

    // Reads what `side` has now (a bounded number of reads, so one busy
    // connection does not starve the others) into the direction it feeds.
    void readFrom(Connection &c, int side)
    {
        Direction &d = c.dir[side];
        const Clock::time_point due = Clock::now() + m_delay;
        for (int reads = 0; reads < 16 && !d.readEof && d.queued < kHighWater; ++reads) {
            char buffer[kReadSize];
            const ssize_t n = recv(c.fd[side], buffer, sizeof buffer, 0);
            if (n > 0) {
                // Read at the same moment: one chunk.
                if (!d.queue.empty() && !d.queue.back().eof && d.queue.back().due == due && d.queue.back().offset == 0)
                    d.queue.back().bytes.append(buffer, std::size_t(n));
                else
                    d.queue.push_back(Chunk{due, std::string(buffer, std::size_t(n)), 0, false});
                d.queued += std::size_t(n);
                d.bytes += std::uint64_t(n);
                (side == 0 ? m_bytesUp : m_bytesDown) += std::uint64_t(n);
                if (side == 0 && c.lastSide == 1)
                    ++m_roundTrips;
                c.lastSide = side;
                if (std::size_t(n) < sizeof buffer)
                    break;
                continue;
            }
            if (n == 0) {
                d.readEof = true;
                d.queue.push_back(Chunk{due, {}, 0, true});
                break;
            }
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            return close(c, true);   // ECONNRESET and the like
        }
        if (d.queued >= kHighWater)
            d.paused = true;
        if (m_delay == Clock::duration::zero())
            flush(c, side);
        else
            schedule(due, (c.id << 1) | std::uint64_t(side));
    }

    // Writes the chunks of direction `side` that are due.
    void flush(Connection &c, int side)
    {
        Direction &d = c.dir[side];
        const int to = c.fd[1 - side];
        if (!c.connected || d.blocked)
            return;
        const Clock::time_point now = Clock::now();
        while (!d.queue.empty() && d.queue.front().due <= now) {
            Chunk &chunk = d.queue.front();
            if (chunk.eof) {
                shutdown(to, SHUT_WR);
                d.shutDown = true;
                d.queue.pop_front();
                continue;
            }
            const ssize_t n = send(to, chunk.bytes.data() + chunk.offset, chunk.bytes.size() - chunk.offset, MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                if (errno == EAGAIN || errno == EWOULDBLOCK) {
                    d.blocked = true;
                    break;
                }
                return close(c, true);   // EPIPE, ECONNRESET: the peer is gone
            }
            chunk.offset += std::size_t(n);
            d.queued -= std::size_t(n);
            if (chunk.offset == chunk.bytes.size())
                d.queue.pop_front();
        }
        if (d.paused && d.queued <= kLowWater)
            d.paused = false;
        updateInterest(c);
        finishIfDone(c);
    }

    void updateInterest(Connection &c)
    {
        for (int side = 0; side < 2; ++side) {
            if (c.fd[side] < 0)
                continue;
            std::uint32_t want = 0;
            if (side == 1 && !c.connected)
                want = EPOLLOUT;
            else {
                if (!c.dir[side].readEof && !c.dir[side].paused)
                    want |= EPOLLIN | EPOLLRDHUP;
                if (c.dir[1 - side].blocked)
                    want |= EPOLLOUT;
            }
            const std::uint64_t key = (c.id << 1) | std::uint64_t(side);
            if (!c.inEpoll[side]) {
                if (want == 0 && c.dir[side].readEof)
                    continue;   // taken out after a hang-up; nothing to read from it
                add(c.fd[side], want, key);
                c.inEpoll[side] = true;
                c.registered[side] = want;
            } else if (c.registered[side] != want) {
                epoll_event ev{};
                ev.events = want;
                ev.data.u64 = key;
                epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd[side], &ev);
                c.registered[side] = want;
            }
        }
    }

    // Both directions ended and went out: the connection is over.
    void finishIfDone(Connection &c)
    {
        if (c.dir[0].shutDown && c.dir[1].shutDown)
            close(c, false);
    }

    // `reset`: close with SO_LINGER 0, so the peers see a reset, not an end of stream.
    void close(Connection &c, bool reset)
    {
        if (g_verbose) {
            const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - c.opened).count();
            std::fprintf(stderr, "orch-delayproxy: #%llu: %s after %lld ms, %llu bytes up, %llu down\n",
                         (unsigned long long)c.id, reset ? "reset" : "closed", (long long)ms,
                         (unsigned long long)c.dir[0].bytes, (unsigned long long)c.dir[1].bytes);
        }
        for (int side = 0; side < 2; ++side) {
            if (c.fd[side] < 0)
                continue;
            if (reset) {
                linger hard{1, 0};
                setsockopt(c.fd[side], SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
            }
            ::close(c.fd[side]);   // also takes it out of epoll
        }
        m_connections.erase(c.id);   // c is gone; stale timer entries are skipped
    }

    void schedule(Clock::time_point due, std::uint64_t key)
    {
        m_due.push({due, key});
        arm();
    }

    void arm()
    {
        if (m_due.empty())
            return;
        const Clock::time_point next = m_due.top().first;
        if (m_armed && *m_armed <= next)
            return;
        m_armed = next;
        const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(next.time_since_epoch()).count();
        itimerspec spec{};
        spec.it_value.tv_sec = std::max<long long>(0, ns / 1000000000);
        spec.it_value.tv_nsec = std::max<long long>(1, ns % 1000000000);
        if (timerfd_settime(m_timer, TFD_TIMER_ABSTIME, &spec, nullptr) < 0)
            die("timerfd_settime");
    }

    // Flushes every direction with a chunk due by now, then arms the timer
    // for the next one.
    void runDue()
    {
        const Clock::time_point now = Clock::now();
        while (!m_due.empty() && m_due.top().first <= now) {
            const std::uint64_t key = m_due.top().second;
            m_due.pop();
            if (key == kListenKey) {
                epoll_event ev{};
                ev.events = EPOLLIN;
                ev.data.u64 = kListenKey;
                epoll_ctl(m_epoll, EPOLL_CTL_MOD, m_listen, &ev);
                m_listenResume.reset();
                continue;
            }
            const auto it = m_connections.find(key >> 1);
            if (it != m_connections.end())
                flush(*it->second, int(key & 1));
        }
        if (m_armed && (m_due.empty() || *m_armed > m_due.top().first))
            m_armed.reset();   // re-armed below for the earlier entry
        if (!m_due.empty() && !m_armed)
            arm();
    }

    using Entry = std::pair<Clock::time_point, std::uint64_t>;
    struct Later
    {
        bool operator()(const Entry &a, const Entry &b) const { return a.first > b.first; }
    };

    int m_listen;
    sockaddr_storage m_target;
    socklen_t m_targetLength;
    Clock::duration m_delay;
    int m_epoll = -1;
    int m_timer = -1;
    int m_signals = -1;
    bool m_stop = false;
    std::optional<Clock::time_point> m_armed;          // when the timerfd fires
    std::optional<Clock::time_point> m_listenResume;
    std::priority_queue<Entry, std::vector<Entry>, Later> m_due;
    std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> m_connections;
    std::uint64_t m_nextId = 0;
    std::uint64_t m_accepted = 0;
    std::uint64_t m_bytesUp = 0;
    std::uint64_t m_roundTrips = 0;   // requests: client data after the server had answered
    std::uint64_t m_bytesDown = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    std::string listen = "127.0.0.1:0";
    std::string to;
    double delayMs = 1.0;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                usage(("missing value for " + arg).c_str());
            return argv[++i];
        };
        if (arg == "--listen")
            listen = value();
        else if (arg == "--to")
            to = value();
        else if (arg == "--delay-ms") {
            const std::string text = value();
            char *end = nullptr;
            delayMs = std::strtod(text.c_str(), &end);
            if (end == text.c_str() || *end != '\0' || delayMs < 0 || delayMs > 60000)
                usage("--delay-ms wants a number of milliseconds from 0 to 60000");
        } else if (arg == "--verbose")
            g_verbose = true;
        else if (arg == "-h" || arg == "--help")
            usage("forwards TCP with added latency");
        else
            usage(("unknown argument " + arg).c_str());
    }
    std::string targetHost, targetPort, listenHost, listenPort;
    if (to.empty() || !splitHostPort(to, "127.0.0.1", targetHost, targetPort))
        usage("--to HOST:PORT is required");
    if (!splitHostPort(listen, "127.0.0.1", listenHost, listenPort))
        usage("--listen wants [HOST:]PORT");

    std::signal(SIGPIPE, SIG_IGN);
    socklen_t targetLength = 0;
    const sockaddr_storage target = resolve(targetHost, targetPort, targetLength, false);
    socklen_t listenLength = 0;
    const sockaddr_storage listenAddress = resolve(listenHost, listenPort, listenLength, true);
    const int fd = socket(listenAddress.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        die("socket");
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, reinterpret_cast<const sockaddr *>(&listenAddress), listenLength) < 0)
        die("bind");
    if (::listen(fd, 1024) < 0)
        die("listen");
    sockaddr_storage bound{};
    socklen_t boundLength = sizeof bound;
    getsockname(fd, reinterpret_cast<sockaddr *>(&bound), &boundLength);
    const int port = bound.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6 *>(&bound)->sin6_port)
                                                 : ntohs(reinterpret_cast<sockaddr_in *>(&bound)->sin_port);

    const auto delay = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double, std::milli>(delayMs));
    Proxy proxy(fd, target, targetLength, delay);
    std::printf("%d\n", port);
    std::fflush(stdout);
    if (g_verbose)
        std::fprintf(stderr, "orch-delayproxy: %s:%d -> %s:%s, %.3f ms each way\n", listenHost.c_str(), port,
                     targetHost.c_str(), targetPort.c_str(), delayMs);
    return proxy.run();
}

#pragma once

// Tool output hostile to log viewers, shared by tst_logview and the log
// follow bench (bench/gui/logfollow.cpp): a 10 MB line, a '\r' storm, OSC and
// CSI sequences (one OSC never terminated), invalid UTF-8 and NUL bytes. The
// last line is "TAIL-MARKER".

#include <QByteArray>

namespace HostileLog {

inline QByteArray longLine() { return QByteArray(10 * 1024 * 1024, 'L') + " END-OF-LONG-LINE\n"; }

inline QByteArray tail()
{
    QByteArray out;
    for (int i = 0; i < 100000; ++i)
        out += "progress " + QByteArray::number(i % 100) + "%\r";
    out += QByteArray(100000, '\r') + "progress done\n";
    out += "\x1b]0;evil title\x07\x1b]8;;http://example.com\x1b\\link\x1b]8;;\x1b\\ \x1b[2J\x1b[H\x1b[?1049h\x1b[31mred\x1b[0m"
           "\x1b[99999999999999;38;5;999;38;2;1;2m\x1b[" + QByteArray(100000, '1') + "m after csi\n";
    out += "\x1b]0;" + QByteArray(100000, 't') + "\nafter osc\n";
    out += "bad utf8: \xff\xfe \xc0\x80 \xed\xa0\x80 \xf4\x90\x80\x80 \xe2\x82 end\n";
    out += "nul:" + QByteArray(3, '\0') + "bytes" + QByteArray(1000, '\0') + "\n";
    out += "TAIL-MARKER\n";
    return out;
}

} // namespace HostileLog

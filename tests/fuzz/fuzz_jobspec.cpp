// libFuzzer target for the parsers of untrusted files: job files
// (parseJobBytes: JSON text, duplicate keys, schema validation, retry
// policies) and workstream files (Convert::parseWorkstream). Any input must
// give a value or an error naming its source, never a crash, a hang or a
// sanitizer report. Built with clang only; see tests/fuzz/run.sh.

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include "convert/conversion.h"
#include "spec/jobspec.h"

namespace {

const QString kSource = QStringLiteral("fuzz.json");

// A broken promise of the parsers' contracts: stop the run so libFuzzer
// saves the input.
void require(bool condition)
{
    if (!condition)
        std::abort();
}

void fuzzJob(const QByteArray &data)
{
    const Orchestrator::Result<Orchestrator::JobSpec> spec = Orchestrator::parseJobBytes(data, kSource);
    if (spec) {
        require(!spec->jobId.isEmpty() && !spec->tool.isEmpty());
        require(spec->retry.maxAttempts >= 1);
    } else {
        require(spec.error().message.startsWith(kSource));
    }
}

void fuzzWorkstream(const QByteArray &data)
{
    const Orchestrator::Convert::SourceFile file = Orchestrator::Convert::parseWorkstream(kSource, data);
    require(file.workstream.has_value() != !file.error.isEmpty());
    if (file.workstream)
        require(!file.workstream->id.isEmpty() && !file.workstream->tasks.isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // Some Qt code (translations, resources) looks for an application object.
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const QByteArray data = QByteArray::fromRawData(reinterpret_cast<const char *>(bytes), qsizetype(size));
    fuzzJob(data);
    fuzzWorkstream(data);
    return 0;
}

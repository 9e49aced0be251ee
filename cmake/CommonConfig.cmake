# One interface target carries the language level, warnings and the strict Qt
# defines; every target of the project links it.
add_library(orch_common INTERFACE)
target_compile_features(orch_common INTERFACE cxx_std_20)
target_compile_options(orch_common INTERFACE
    -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
target_compile_definitions(orch_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_URL_CAST_FROM_STRING
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
)

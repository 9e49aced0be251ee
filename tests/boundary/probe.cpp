// Compiled by tst_boundary (tests/boundary/CMakeLists.txt) against the
// include path a program linking orchestrator_engine gets: the public
// headers must compile, each private one must not be found.
#include ORCH_PROBE_HEADER

int main()
{
    return 0;
}

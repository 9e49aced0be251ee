# Run by CTest (tst_boundary): builds the probes of tests/boundary and
# fails unless the public one compiles and every private one fails for the
# one right reason, its header not being found.
function(build_probe target out_result out_log)
    execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target ${target}
                    RESULT_VARIABLE result OUTPUT_VARIABLE log ERROR_VARIABLE log)
    set(${out_result} "${result}" PARENT_SCOPE)
    set(${out_log} "${log}" PARENT_SCOPE)
endfunction()

build_probe(boundary_public result log)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "the public headers do not compile on their own include path "
                        "(a public header includes a private one?):\n${log}")
endif()
message(STATUS "public headers: compile for a program linking orchestrator_engine")

foreach(probe IN LISTS PRIVATE_PROBES)
    string(REPLACE "=" ";" parts "${probe}")
    list(GET parts 0 name)
    list(GET parts 1 header)
    build_probe(${name} result log)
    if(result EQUAL 0)
        message(FATAL_ERROR "${header} compiled for a program linking only orchestrator_engine: "
                            "its folder is not private")
    endif()
    string(FIND "${log}" "${header}: No such file or directory" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "${name} failed, but not because ${header} was not found:\n${log}")
    endif()
    message(STATUS "${header}: not found, as it must be")
endforeach()

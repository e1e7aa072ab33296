# ctest: every catalogue is complete. lupdate runs as `update_translations` does (PROJECT: the lupdate project
# qt_add_translations wrote — the app's sources and include paths, which decide each string's context) but into
# a copy of each .ts in WORK_DIR, and keeps what is gone: a source string that is new or changed shows up as
# type="unfinished", one that is no longer in the sources as "vanished" or "obsolete". Any of them fails the test,
# naming the file and the counts.
#   cmake -DLUPDATE=<lupdate> -DPROJECT=<build>/src/app/.lupdate/tapescope_project.cmake -DWORK_DIR=<dir>
#         -P CheckTranslations.cmake
foreach(var LUPDATE PROJECT WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "CheckTranslations.cmake needs -D${var}=...")
  endif()
endforeach()
if(NOT EXISTS ${PROJECT})
  message(FATAL_ERROR "no lupdate project at ${PROJECT}: did qt_add_translations change where it writes it?")
endif()
include(${PROJECT}) # lupdate_project_file, lupdate_include_paths, lupdate_sources, lupdate_translations
if(NOT lupdate_translations)
  message(FATAL_ERROR "${PROJECT} lists no .ts file")
endif()

function(json_array out)
  set(quoted "")
  foreach(entry IN LISTS ARGN)
    list(APPEND quoted "\"${entry}\"")
  endforeach()
  list(JOIN quoted ", " joined)
  set(${out} "[ ${joined} ]" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(existing_sources "")
foreach(source IN LISTS lupdate_sources)
  if(EXISTS ${source}) # generated sources that are not there yet, as Qt's own script does
    list(APPEND existing_sources ${source})
  endif()
endforeach()
json_array(json_sources ${existing_sources})
json_array(json_include_paths ${lupdate_include_paths})

set(failed "")
foreach(ts IN LISTS lupdate_translations)
  get_filename_component(name ${ts} NAME)
  file(COPY ${ts} DESTINATION ${WORK_DIR})
  json_array(json_translations ${WORK_DIR}/${name})
  file(WRITE ${WORK_DIR}/${name}.json "{\n  \"projectFile\": \"${lupdate_project_file}\",\n"
    "  \"includePaths\": ${json_include_paths},\n  \"sources\": ${json_sources},\n"
    "  \"translations\": ${json_translations}\n}\n")
  execute_process(
    COMMAND ${LUPDATE} -silent -locations none -project ${WORK_DIR}/${name}.json
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "lupdate failed on ${name} (${result}):\n${output}")
  endif()
  file(READ ${WORK_DIR}/${name} text)
  set(counts "")
  foreach(type unfinished vanished obsolete)
    string(REGEX MATCHALL "type=\"${type}\"" hits "${text}")
    list(LENGTH hits count)
    if(count GREATER 0)
      string(APPEND counts " ${count} ${type}")
    endif()
  endforeach()
  if(counts)
    message(SEND_ERROR "${name}:${counts} (cmake --build <build> --target update_translations, then translate)")
    list(APPEND failed ${name})
  else()
    message(STATUS "${name}: complete")
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "incomplete catalogues: ${failed}")
endif()

# Strict warnings for every Tapescope target (docs/architecture.md "Conventions").
# The project's warning flags (and -Werror with TAPESCOPE_WERROR) for this compiler, in `out`.
function(tapescope_warning_flags out)
  set(flags)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    set(flags -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wsuggest-override)
    if(TAPESCOPE_WERROR)
      list(APPEND flags -Werror)
      if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        # GCC's flow-based -O2 diagnostics (maybe-uninitialized and friends) have well-known false positives
        # inside Qt and std::optional; they stay visible as warnings but do not fail the build. (clang has no
        # such warning and rejects the option.)
        list(APPEND flags -Wno-error=maybe-uninitialized)
      endif()
    endif()
  elseif(MSVC)
    set(flags /W4 /permissive-)
    if(TAPESCOPE_WERROR)
      list(APPEND flags /WX)
    endif()
  endif()
  set(${out} ${flags} PARENT_SCOPE)
endfunction()

set(TAPESCOPE_DEFINITIONS QT_NO_CAST_FROM_ASCII QT_NO_URL_CAST_FROM_STRING QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER QT_NO_KEYWORDS)

function(tapescope_target_defaults target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  tapescope_warning_flags(flags)
  target_compile_options(${target} PRIVATE ${flags})
  target_compile_definitions(${target} PRIVATE ${TAPESCOPE_DEFINITIONS})
endfunction()

# For targets that mix our sources with generated ones (a QML module's qmlcachegen output is not
# warning-clean): the project's flags on our own source files only.
function(tapescope_source_defaults)
  tapescope_warning_flags(flags)
  set_source_files_properties(${ARGN} PROPERTIES COMPILE_OPTIONS "${flags}"
                                                 COMPILE_DEFINITIONS "${TAPESCOPE_DEFINITIONS}")
endfunction()

# Strict warnings for every Tapescope target (see STYLE.md §8).
function(tapescope_target_defaults target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                             -Wsuggest-override)
    if(TAPESCOPE_WERROR)
      # GCC's flow-based -O2 diagnostics (maybe-uninitialized and friends) have well-known false positives
      # inside Qt and std::optional; they stay visible as warnings but do not fail the build.
      target_compile_options(${target} PRIVATE -Werror -Wno-error=maybe-uninitialized)
    endif()
  elseif(MSVC)
    target_compile_options(${target} PRIVATE /W4 /permissive-)
    if(TAPESCOPE_WERROR)
      target_compile_options(${target} PRIVATE /WX)
    endif()
  endif()
  target_compile_definitions(${target} PRIVATE QT_NO_CAST_FROM_ASCII QT_NO_URL_CAST_FROM_STRING
                                               QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_USE_QSTRINGBUILDER)
endfunction()

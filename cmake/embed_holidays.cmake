# Turns the State Council notices transcribed in INPUT_DIR/*.json into a C++ table for the
# built-in `cn` calendar. Days are indexed by their own date: a file may list days of the
# year before its own (2023.json lists 2022-12-31).
file(GLOB files ${INPUT_DIR}/*.json)
list(SORT files)
set(days "")
set(years "")
foreach(f IN LISTS files)
  file(READ ${f} json)
  string(JSON year GET "${json}" year)
  string(JSON n LENGTH "${json}" days)
  if(n EQUAL 0)
    message(FATAL_ERROR "${f} lists no days: an empty year would read as a year without holidays")
  endif()
  list(APPEND years ${year})
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    string(JSON date GET "${json}" days ${i} date)
    string(JSON name GET "${json}" days ${i} name)
    string(JSON is_off GET "${json}" days ${i} isOffDay)
    if(NOT date MATCHES "^([0-9][0-9][0-9][0-9])-([0-9][0-9])-([0-9][0-9])$")
      message(FATAL_ERROR "${f}: bad date ${date}")
    endif()
    if(is_off STREQUAL "ON")
      set(off_cpp true)
    elseif(is_off STREQUAL "OFF")
      set(off_cpp false)
    else()
      message(FATAL_ERROR "${f}: ${date}: isOffDay is neither true nor false")
    endif()
    string(APPEND days "    {\"${date}\", \"${name}\", ${off_cpp}},\n")
  endforeach()
endforeach()
list(JOIN years ", " years_cpp)
file(WRITE ${OUTPUT} "// Generated from data/holidays-cn/*.json by cmake/embed_holidays.cmake.\n"
  "#include \"complain/domain/calendar.hpp\"\n\n"
  "namespace complain {\n"
  "const std::vector<OfficialDay>& cn_official_days() {\n"
  "  static const std::vector<OfficialDay> days{\n${days}  };\n  return days;\n}\n"
  "const std::vector<int>& cn_official_years() {\n"
  "  static const std::vector<int> years{${years_cpp}};\n  return years;\n}\n"
  "}\n")

# Turns iso-codes' list of ISO 4217 currencies (Debian package iso-codes) into a sorted C++ table,
# so that an amount in "RMB" or a typo like "CYN" is refused instead of becoming a currency.
file(READ ${INPUT} json)
string(JSON n LENGTH "${json}" 4217)
if(n LESS 100)
  message(FATAL_ERROR "${INPUT} lists ${n} currencies: not the ISO 4217 list")
endif()
math(EXPR last "${n} - 1")
set(codes "")
foreach(i RANGE ${last})
  string(JSON code GET "${json}" 4217 ${i} alpha_3)
  if(NOT code MATCHES "^[A-Z][A-Z][A-Z]$")
    message(FATAL_ERROR "${INPUT}: bad currency code ${code}")
  endif()
  list(APPEND codes ${code})
endforeach()
list(SORT codes)
list(REMOVE_DUPLICATES codes)
list(JOIN codes "\", \"" codes_cpp)
file(WRITE ${OUTPUT} "// Generated from ${INPUT} by cmake/embed_currencies.cmake.\n"
  "#include \"complain/domain/money.hpp\"\n\n"
  "namespace complain {\n"
  "const std::vector<std::string_view>& iso4217_codes() {\n"
  "  static const std::vector<std::string_view> codes{\"${codes_cpp}\"};\n  return codes;\n}\n"
  "}\n")

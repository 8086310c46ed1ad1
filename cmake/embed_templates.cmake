# Writes the letter templates of INPUT_DIR (NAME.mustache) into OUTPUT as C++ strings, so the
# binary needs no data files: `complain letter --templates` lists them as built-in.
file(GLOB files ${INPUT_DIR}/*.mustache)
list(SORT files)
set(delim "mustache")
set(entries "")
foreach(f IN LISTS files)
  get_filename_component(name ${f} NAME_WE)
  file(READ ${f} text)
  string(FIND "${text}" ")${delim}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${f} contains the raw-string delimiter")
  endif()
  string(APPEND entries "    {\"${name}\", R\"${delim}(${text})${delim}\"},\n")
endforeach()
file(WRITE ${OUTPUT} "// Generated from data/templates/ by cmake/embed_templates.cmake.\n"
  "#include \"complain/app/letter.hpp\"\n\n"
  "namespace complain {\n"
  "const std::vector<BuiltinTemplate>& builtin_templates() {\n"
  "    static const std::vector<BuiltinTemplate> list{\n${entries}    };\n"
  "    return list;\n}\n}\n")

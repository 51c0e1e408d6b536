# cmake -DPLUGIN=<cdefer.so> -DOUT=<header> -P PluginId.cmake: the header
# that gives cdefer-cc the hash of the plugin it was built with
# (tools/CMakeLists.txt says why).
file(SHA256 "${PLUGIN}" id)
set(text "#define CDEFER_PLUGIN_ID \"${id}\"\n")
# Unchanged when the plugin is: cdefer-cc is then not rebuilt.
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUT}" "${text}")
endif()

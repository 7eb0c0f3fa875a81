# The native CPU kernels for TensorFlow.js: an N-API addon over OpenBLAS.
# Built by `npm run build:native` (core/native-cpu/build.mjs), never on `npm install`.
{
  "targets": [
    {
      "target_name": "native_cpu",
      "sources": [
        "src/addon.cc",
        "src/parallel.cc",
        "src/matmul.cc",
        "src/elementwise.cc",
        "src/softmax.cc",
        "src/reduce.cc",
        "src/transpose.cc",
        "src/gather.cc",
        "src/optimizer.cc"
      ],
      "cflags_cc": ["-std=c++17", "-O3", "-fno-math-errno", "-Wall", "-Wextra"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++17"],
      "cflags!": ["-fno-exceptions"],
      "include_dirs": ["<!@(pkg-config --cflags-only-I openblas 2>/dev/null | sed 's/-I//g')"],
      "libraries": ["<!@(pkg-config --libs openblas 2>/dev/null || echo -lopenblas)", "-lpthread"]
    }
  ]
}

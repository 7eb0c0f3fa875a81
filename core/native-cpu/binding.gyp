# The native CPU kernels for TensorFlow.js: an N-API addon over OpenBLAS.
# Built by `npm run build:native` (core/native-cpu/build.mjs), never on `npm install`.
# -ffp-contract=off: no fused multiply-adds, so that the element-wise kernels round as
# the JavaScript kernels do (AdamW gives the very same floats on both).
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
        "src/optimizer.cc",
        "src/dropout.cc",
        "src/layer_norm.cc",
        "src/gelu.cc",
        "src/attention.cc",
        "src/cross_entropy.cc"
      ],
      "cflags_cc": ["-std=c++17", "-O3", "-fno-math-errno", "-ffp-contract=off", "-Wall", "-Wextra"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++17"],
      "cflags!": ["-fno-exceptions"],
      "include_dirs": ["<!@(pkg-config --cflags-only-I openblas 2>/dev/null | sed 's/-I//g')"],
      "libraries": ["<!@(pkg-config --libs openblas 2>/dev/null || echo -lopenblas)", "-lpthread"],
      # The bundled app carries libopenblas (and what it links) beside the addon
      # (scripts/bundle-native.mjs): look there first.
      "ldflags": ["-Wl,-rpath,'$$ORIGIN'"]
    }
  ]
}

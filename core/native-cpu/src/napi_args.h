// Reading JavaScript arguments in the addon's functions. Every kernel takes typed arrays
// (the tensors' backing stores, shared, never copied) and plain numbers; a wrong type is
// a programming error in the TypeScript kernel, reported as a JavaScript TypeError.
#pragma once

#define NAPI_VERSION 8
#include <node_api.h>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace native_cpu {

// Thrown by the readers below; the export wrapper turns it into a JS TypeError.
struct ArgumentError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <typename T>
struct TypedView {
  T* data;
  size_t length;
};

class Args {
 public:
  Args(napi_env env, napi_callback_info info) : env_(env) {
    size_t argc = kMaxArgs;
    napi_get_cb_info(env, info, &argc, argv_, nullptr, nullptr);
    argc_ = argc;
  }

  napi_env env() const { return env_; }

  TypedView<float> floats(size_t i) const { return typed<float>(i, napi_float32_array, "Float32Array"); }
  TypedView<int32_t> ints(size_t i) const { return typed<int32_t>(i, napi_int32_array, "Int32Array"); }

  // A Float32Array, Int32Array or Uint32Array as raw 4-byte words (for kernels that move
  // values without looking at them, like transpose).
  TypedView<uint32_t> words(size_t i) const {
    napi_typedarray_type type;
    size_t length = 0;
    void* data = nullptr;
    napi_value buffer;
    size_t offset = 0;
    const bool ok = napi_get_typedarray_info(env_, arg(i), &type, &length, &data, &buffer, &offset) == napi_ok;
    if (!ok || (type != napi_float32_array && type != napi_int32_array && type != napi_uint32_array)) {
      fail(i, "a Float32Array, Int32Array or Uint32Array");
    }
    return {static_cast<uint32_t*>(data), length};
  }

  // An Int32Array of small values (shapes, strides, permutations) as a vector.
  std::vector<int64_t> shape(size_t i) const {
    const TypedView<int32_t> view = ints(i);
    return std::vector<int64_t>(view.data, view.data + view.length);
  }

  napi_value value(size_t i) const { return arg(i); }

  // Whether optional argument i was passed (and is not undefined).
  bool has(size_t i) const {
    if (i >= argc_) return false;
    napi_valuetype type;
    return napi_typeof(env_, argv_[i], &type) == napi_ok && type != napi_undefined;
  }

  int64_t integer(size_t i) const {
    double value = 0;
    if (napi_get_value_double(env_, arg(i), &value) != napi_ok) fail(i, "a number");
    return static_cast<int64_t>(value);
  }

  double number(size_t i) const {
    double value = 0;
    if (napi_get_value_double(env_, arg(i), &value) != napi_ok) fail(i, "a number");
    return value;
  }

  bool boolean(size_t i) const {
    bool value = false;
    if (napi_get_value_bool(env_, arg(i), &value) != napi_ok) fail(i, "a boolean");
    return value;
  }

 private:
  static constexpr size_t kMaxArgs = 16;

  napi_value arg(size_t i) const {
    if (i >= argc_) throw ArgumentError("missing argument " + std::to_string(i));
    return argv_[i];
  }

  [[noreturn]] static void fail(size_t i, const char* expected) {
    throw ArgumentError("argument " + std::to_string(i) + " must be " + expected);
  }

  template <typename T>
  TypedView<T> typed(size_t i, napi_typedarray_type wanted, const char* name) const {
    napi_typedarray_type type;
    size_t length = 0;
    void* data = nullptr;
    napi_value buffer;
    size_t offset = 0;
    if (napi_get_typedarray_info(env_, arg(i), &type, &length, &data, &buffer, &offset) != napi_ok || type != wanted) {
      fail(i, name);
    }
    // `data` already points at the view's first element (byte offset applied).
    return {static_cast<T*>(data), length};
  }

  napi_env env_;
  napi_value argv_[kMaxArgs];
  size_t argc_ = 0;
};

// Checks that a typed array holds at least `needed` elements before a kernel touches it:
// a short array would otherwise be a silent out-of-bounds write.
template <typename T>
void require_length(const TypedView<T>& view, size_t needed, const char* what) {
  if (view.length < needed) {
    throw ArgumentError(std::string(what) + " has " + std::to_string(view.length) + " elements, needs " + std::to_string(needed));
  }
}

}  // namespace native_cpu

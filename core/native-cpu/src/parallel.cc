#include "parallel.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace native_cpu {
namespace {

// Chunks are claimed, not assigned: the calling thread starts on them at once and a
// worker joins when it wakes. A worker that wakes late (the other core busy with another
// process, which is common on a 2-core machine) then costs nothing, where a fixed
// split would leave the caller waiting a whole scheduler time slice for its half.
thread_local bool inside_job = false;

class Pool {
 public:
  explicit Pool(int threads) { resize(threads); }

  int threads() const { return static_cast<int>(workers_.size()) + 1; }

  void resize(int threads) {
    stop();
    stopping_ = false;
    for (int i = 0; i < std::max(threads, 1) - 1; ++i) workers_.emplace_back([this] { work(); });
  }

  void run(size_t count, size_t chunks, const RangeFn& fn) {
    // One job at a time: Node worker threads that load the addon share this pool.
    std::lock_guard<std::mutex> one_job(run_mutex_);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      job_ = &fn;
      count_ = count;
      chunks_ = chunks;
      next_.store(0);
      ++generation_;
    }
    wake_.notify_all();
    size_t done = run_chunks();
    // Wait for the chunks workers claimed, then for every worker to have left the job,
    // so that none can touch `fn` (on the caller's stack) after this returns.
    std::unique_lock<std::mutex> lock(mutex_);
    finished_ += done;
    idle_.wait(lock, [this] { return finished_ == chunks_ && active_ == 0; });
    finished_ = 0;
    job_ = nullptr;
  }

 private:
  // Claims and runs chunks until none are left; returns how many this thread ran.
  size_t run_chunks() {
    size_t ran = 0;
    for (size_t chunk = next_.fetch_add(1); chunk < chunks_; chunk = next_.fetch_add(1)) {
      const size_t begin = count_ * chunk / chunks_;
      const size_t end = count_ * (chunk + 1) / chunks_;
      if (begin < end) (*job_)(begin, end);
      ++ran;
    }
    return ran;
  }

  void work() {
    inside_job = true;  // a kernel run by a worker must not start a job of its own
    unsigned long long seen = 0;
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
      if (job_ == nullptr) continue;  // woke after the job was over
      ++active_;
      lock.unlock();
      const size_t ran = run_chunks();
      lock.lock();
      finished_ += ran;
      --active_;
      idle_.notify_all();
    }
  }

  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& worker : workers_) worker.join();
    workers_.clear();
  }

  std::vector<std::thread> workers_;
  std::mutex run_mutex_;
  std::mutex mutex_;
  std::condition_variable wake_;  // a job was published (or the pool stops)
  std::condition_variable idle_;  // a worker finished its share of a job
  bool stopping_ = false;
  unsigned long long generation_ = 0;
  const RangeFn* job_ = nullptr;
  size_t count_ = 0;
  size_t chunks_ = 1;
  std::atomic<size_t> next_{0};
  size_t finished_ = 0;  // chunks completed, guarded by mutex_
  int active_ = 0;       // workers inside the current job, guarded by mutex_
};

Pool& pool() {
  // Leaked on purpose: joining threads from a static destructor at process exit can
  // deadlock when Node tears the addon down before the pool.
  static Pool* instance = new Pool(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  return *instance;
}

// Chunks per thread: enough that a late worker still finds work, few enough that
// claiming one stays negligible.
constexpr size_t kChunksPerThread = 4;

}  // namespace

void parallel_for(size_t count, size_t grain, const RangeFn& fn) {
  if (count == 0) return;
  const size_t by_grain = std::max<size_t>(1, count / std::max<size_t>(grain, 1));
  const size_t threads = static_cast<size_t>(pool().threads());
  if (threads <= 1 || by_grain <= 1 || inside_job) {  // nested: run inline instead of deadlocking
    fn(0, count);
    return;
  }
  struct JobScope {
    JobScope() { inside_job = true; }
    ~JobScope() { inside_job = false; }
  } scope;
  pool().run(count, std::min(by_grain, threads * kChunksPerThread), fn);
}

int pool_threads() { return pool().threads(); }

void set_pool_threads(int threads) { pool().resize(threads); }

}  // namespace native_cpu

// PostGraphile 5 calls Promise.withResolvers, which Node 20 lacks (Node 22 has it). Loaded
// with `node -r ./polyfill.js` before anything else, so the peer runs on the project's Node.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

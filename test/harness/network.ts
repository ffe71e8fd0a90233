import nock from 'nock';

// Nothing leaves the machine: a request no test allowed fails loudly.
beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

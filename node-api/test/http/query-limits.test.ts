import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { queryLimitPlugins } from '../../src/http/query-limits.ts';

/** The shape of the portal's read side: connections of proven objects with their parties. */
const typeDefs = /* GraphQL */ `
  type Query {
    dashboard: Dashboard!
    invoices(first: Int, after: String, status: String): InvoiceConnection!
    shipments(first: Int, after: String): ShipmentConnection!
  }
  type Dashboard {
    receivables: String!
    payables: String!
    financed: String!
    count(status: String): Int!
  }
  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }
  type Proof {
    transactionId: String!
    blockNumber: String!
    timestamp: String!
    submittedBy: String!
  }
  type Enterprise {
    id: ID!
    name: String!
    kind: String!
  }
  type InvoiceConnection {
    edges: [InvoiceEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type InvoiceEdge {
    cursor: String!
    node: Invoice!
  }
  type Invoice {
    id: ID!
    number: String!
    amount: String!
    outstanding: String!
    currency: String!
    issueDate: String!
    dueDate: String!
    status: String!
    documentSha256: String!
    purchaseOrderNumber: String
    seller: Enterprise!
    buyer: Enterprise!
    proof: Proof!
  }
  type ShipmentConnection {
    edges: [ShipmentEdge!]!
    pageInfo: PageInfo!
  }
  type ShipmentEdge {
    node: Shipment!
  }
  type Shipment {
    id: ID!
    waybillNumber: String!
    origin: String!
    destination: String!
    status: String!
    proof: Proof!
  }
`;

const DASHBOARD = /* GraphQL */ `
  fragment Party on Enterprise {
    id
    name
    kind
  }
  fragment Proven on Proof {
    transactionId
    blockNumber
    timestamp
    submittedBy
  }
  query Dashboard {
    dashboard {
      receivables
      payables
      financed
      open: count(status: "OPEN")
      accepted: count(status: "ACCEPTED")
      financedCount: count(status: "FINANCED")
      overdue: count(status: "OVERDUE")
      settled: count(status: "SETTLED")
    }
    invoices(first: 100, status: "OPEN") {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
          number
          amount
          outstanding
          currency
          issueDate
          dueDate
          status
          documentSha256
          purchaseOrderNumber
          seller {
            ...Party
          }
          buyer {
            ...Party
          }
          proof {
            ...Proven
          }
        }
      }
    }
    shipments(first: 20) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          waybillNumber
          origin
          destination
          status
          proof {
            ...Proven
          }
        }
      }
    }
  }
`;

interface Result {
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function run(query: string): Promise<Result> {
  const yoga = createYoga({
    schema: createSchema({ typeDefs }),
    plugins: queryLimitPlugins(),
    logging: false,
  });
  const response = await yoga.fetch('http://node.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as Result;
}

/** Validation errors only: the resolvers are absent, so non-null fields fail at execution. */
function refusals(result: Result): string[] {
  return (result.errors ?? [])
    .filter(
      (error) => error.extensions?.code !== undefined && error.extensions.code !== 'INTERNAL_SERVER_ERROR',
    )
    .map((error) => `${error.extensions?.code ?? ''}: ${error.message}`);
}

describe('query limits', () => {
  it('let a full dashboard with a 100-row page through', async () => {
    expect(refusals(await run(DASHBOARD))).toEqual([]);
  });

  it('stop the same dashboard asking for 1000 rows at once', async () => {
    const refused = refusals(await run(DASHBOARD.replace('first: 100', 'first: 1000')));
    expect(refused).toEqual([expect.stringMatching(/^QUERY_TOO_COMPLEX: Query Cost limit of 5000 exceeded/)]);
  });
});

// A local EC2 endpoint speaking the EC2 Query protocol (form-encoded requests, XML answers), so
// a built `ohfp` goes through its real SDK clients, HTTP stack and XML parsing, as against AWS.
// RunInstances launches the asked count; DescribeInstances answers every known id with a
// full-size instance record (the fields AWS returns, not only those the provider maps), and a
// tag-filtered query with the matching instances in pages of MaxResults, as AWS pages them.
import { createServer } from 'node:http';

const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function instanceXml(instance) {
  const { id, index, imageId, instanceType, subnetId, tags, launchTime } = instance;
  const octet = `${Math.floor(index / 250)}.${(index % 250) + 4}`;
  return `<item>
  <instanceId>${id}</instanceId><imageId>${escape(imageId)}</imageId>
  <instanceState><code>16</code><name>running</name></instanceState>
  <privateDnsName>ip-10-0-${octet.replace('.', '-')}.ec2.internal</privateDnsName><dnsName/>
  <reason/><amiLaunchIndex>${index}</amiLaunchIndex><productCodes/>
  <instanceType>${escape(instanceType)}</instanceType><launchTime>${launchTime}</launchTime>
  <placement><availabilityZone>us-east-1a</availabilityZone><groupName/><tenancy>default</tenancy></placement>
  <monitoring><state>disabled</state></monitoring>
  <subnetId>${escape(subnetId)}</subnetId><vpcId>vpc-0a1b2c3d4e5f60001</vpcId>
  <privateIpAddress>10.0.${octet}</privateIpAddress><sourceDestCheck>true</sourceDestCheck>
  <groupSet><item><groupId>sg-0aa11bb22cc33dd44</groupId><groupName>hpc</groupName></item></groupSet>
  <architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName>
  <blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><volumeId>vol-${id.slice(2)}</volumeId><status>attached</status><attachTime>${launchTime}</attachTime><deleteOnTermination>true</deleteOnTermination></ebs></item></blockDeviceMapping>
  <virtualizationType>hvm</virtualizationType><clientToken/>
  <tagSet>${Object.entries(tags).map(([key, value]) => `<item><key>${escape(key)}</key><value>${escape(value)}</value></item>`).join('')}</tagSet>
  <hypervisor>xen</hypervisor>
  <networkInterfaceSet><item><networkInterfaceId>eni-${id.slice(2)}</networkInterfaceId><subnetId>${escape(subnetId)}</subnetId><vpcId>vpc-0a1b2c3d4e5f60001</vpcId><ownerId>123456789012</ownerId><status>in-use</status><privateIpAddress>10.0.${octet}</privateIpAddress><sourceDestCheck>true</sourceDestCheck><attachment><attachmentId>eni-attach-${id.slice(2)}</attachmentId><deviceIndex>0</deviceIndex><status>attached</status><attachTime>${launchTime}</attachTime><deleteOnTermination>true</deleteOnTermination></attachment></item></networkInterfaceSet>
  <ebsOptimized>false</ebsOptimized><enaSupport>true</enaSupport>
  <cpuOptions><coreCount>1</coreCount><threadsPerCore>2</threadsPerCore></cpuOptions>
  <capacityReservationSpecification><capacityReservationPreference>open</capacityReservationPreference></capacityReservationSpecification>
  <hibernationOptions><configured>false</configured></hibernationOptions>
  <metadataOptions><state>applied</state><httpTokens>required</httpTokens><httpPutResponseHopLimit>2</httpPutResponseHopLimit><httpEndpoint>enabled</httpEndpoint></metadataOptions>
  <enclaveOptions><enabled>false</enabled></enclaveOptions><bootMode>uefi-preferred</bootMode>
  <platformDetails>Linux/UNIX</platformDetails><usageOperation>RunInstances</usageOperation>
  <privateDnsNameOptions><hostnameType>ip-name</hostnameType></privateDnsNameOptions>
  <maintenanceOptions><autoRecovery>default</autoRecovery></maintenanceOptions><currentInstanceBootMode>legacy-bios</currentInstanceBootMode>
</item>`;
}

/** The `Name.N` / `Name.N.Member.M` values of a Query-protocol list. */
function listOf(parameters, prefix) {
  return [...parameters.entries()].filter(([key]) => key.startsWith(`${prefix}.`)).map(([, value]) => value);
}

function tagsOf(parameters) {
  const tags = {};
  for (const [key, value] of parameters.entries()) {
    const match = /^TagSpecification\.1\.Tag\.(\d+)\.Key$/.exec(key);
    if (match) tags[value] = parameters.get(`TagSpecification.1.Tag.${match[1]}.Value`) ?? '';
  }
  return tags;
}

/**
 * The tag filters of a DescribeInstances query (`Filter.N.Name`, `Filter.N.Value.M`) as tests
 * of an instance's tags: `tag:Key` holds one of the values, `tag-key` has one of the keys.
 */
function tagFiltersOf(parameters) {
  const filters = [];
  for (const [key, name] of parameters.entries()) {
    const match = /^Filter\.(\d+)\.Name$/.exec(key);
    const values = match ? listOf(parameters, `Filter.${match[1]}.Value`) : [];
    if (match && name.startsWith('tag:')) filters.push((tags) => values.includes(tags[name.slice('tag:'.length)]));
    else if (match && name === 'tag-key') filters.push((tags) => values.some((tagKey) => tagKey in tags));
  }
  return filters;
}

export async function startEc2WireServer() {
  const instances = new Map();
  const actions = [];
  const answer = (action, body) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>${body}</${action}Response>`;
  const handlers = {
    RunInstances: (parameters) => {
      const count = Number(parameters.get('MaxCount'));
      const launched = [];
      for (let index = 0; index < count; index += 1) {
        const position = instances.size;
        // 17 hex digits, as AWS's ids: built as text, since 0xabc… plus a small number is beyond a
        // double's exact integers and would give many instances one id.
        const id = `i-0abc${position.toString(16).padStart(13, '0')}`;
        const instance = {
          id,
          index: position,
          imageId: parameters.get('ImageId') ?? 'ami-0123456789abcdef0',
          instanceType: parameters.get('InstanceType') ?? 't3.micro',
          subnetId: parameters.get('SubnetId') ?? 'subnet-0a1b2c3d4e5f60001',
          tags: tagsOf(parameters),
          launchTime: new Date(Date.UTC(2026, 0, 1)).toISOString(),
        };
        instances.set(id, instance);
        launched.push(instance);
      }
      return `<reservationId>r-0123456789abcdef0</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet>${launched.map(instanceXml).join('')}</instancesSet>`;
    },
    DescribeInstances: (parameters) => {
      const ids = listOf(parameters, 'InstanceId');
      const filters = tagFiltersOf(parameters);
      const matching = (ids.length > 0 ? ids.map((id) => instances.get(id)) : [...instances.values()])
        .filter(Boolean)
        .filter((instance) => filters.every((matches) => matches(instance.tags)));
      // Without ids, AWS answers in pages of MaxResults and a NextToken (here: the offset).
      const start = ids.length > 0 ? 0 : Number(parameters.get('NextToken') ?? 0);
      const size = ids.length > 0 ? matching.length : Number(parameters.get('MaxResults') ?? 1000);
      const found = matching.slice(start, start + size);
      const next = start + size < matching.length ? `<nextToken>${start + size}</nextToken>` : '';
      return `<reservationSet><item><reservationId>r-0123456789abcdef0</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet>${found.map(instanceXml).join('')}</instancesSet></item></reservationSet>${next}`;
    },
  };
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const parameters = new URLSearchParams(body);
    const action = parameters.get('Action') ?? '';
    actions.push(action);
    const handler = handlers[action];
    if (!handler) {
      response.writeHead(400, { 'content-type': 'text/xml' });
      response.end(`<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>InvalidAction</Code><Message>The action ${escape(action)} is not valid for this web service.</Message></Error></Errors><RequestID>bench</RequestID></Response>`);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/xml;charset=UTF-8' });
    response.end(answer(action, handler(parameters)));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    actions,
    instances,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
  };
}
